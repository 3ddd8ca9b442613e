import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

// What the API does when a VM's machine ends from inside (the machine side is memory machines here; the
// real VMs' side is in e2e/guest-power.test.ts).
let t: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  t = await startTestCloud({ timing: { profile: 'instant', overrides: { vmReboot: 50 } } });
});
afterAll(() => t.cloud.close());

const vmOf = async (vmId: string) => must((await t.alice('ReadVms', { Filters: { VmIds: [vmId] } })).Vms?.[0]);
const starts = (vmId: string) => t.machines.log.started.filter((launch) => launch.vmId === vmId);

async function runningVm(behavior: string): Promise<string> {
  const created = await t.alice('CreateVms', {
    ImageId: t.cloud.catalogImageId,
    VmInitiatedShutdownBehavior: behavior,
    BlockDeviceMappings: [{ DeviceName: '/dev/sdb', Bsu: { VolumeSize: 1, DeleteOnVmDeletion: true } }],
  });
  const vmId = must(created.Vms?.[0]?.VmId);
  await until(
    () => vmOf(vmId),
    (vm) => vm.State === 'running',
  );
  return vmId;
}

describe('a VM ending its own machine', () => {
  it('reboots: stays running, and its machine starts again with the same volumes and SSH port', async () => {
    const vmId = await runningVm('stop');
    const first = must(starts(vmId)[0]);
    expect(t.machines.endFromInside(vmId, 'reboot')).toBe(true);
    await until(
      async () => starts(vmId).length,
      (count) => count === 2,
    );
    const second = must(starts(vmId)[1]);
    expect((await vmOf(vmId)).State).toBe('running');
    expect(second.root.volume).toEqual(first.root.volume);
    expect(second.extraDisks).toEqual(first.extraDisks);
    expect(second.sshPort).toBe(22);
    const console = await t.alice('ReadConsoleOutput', { VmId: vmId });
    expect(Buffer.from(must(console.ConsoleOutput), 'base64').toString()).toContain('reboot: Restarting system');
  });

  it('powers off: stop, terminate (DeleteOnVmDeletion volumes go) or restart, as VmInitiatedShutdownBehavior says', async () => {
    const [stop, terminate, restart] = await Promise.all(['stop', 'terminate', 'restart'].map(runningVm));
    const volumesOf = async (vmId: string) =>
      must((await t.alice('ReadVolumes', { Filters: { LinkVolumeVmIds: [vmId] } })).Volumes).map((v) =>
        must(v.VolumeId),
      );
    const terminateVolumes = await volumesOf(must(terminate));
    for (const vmId of [stop, terminate, restart]) t.machines.endFromInside(must(vmId), 'poweroff');

    const stopped = await until(
      () => vmOf(must(stop)),
      (vm) => vm.State === 'stopped',
    );
    expect(stopped.StateReason).toBe('Client.InstanceInitiatedShutdown');
    const terminated = await until(
      () => vmOf(must(terminate)),
      (vm) => vm.State === 'terminated',
    );
    expect(terminated.StateReason).toBe('Client.InstanceInitiatedShutdown');
    await until(
      () => t.alice('ReadVolumes', { Filters: { VolumeIds: terminateVolumes } }),
      (read) => read.Volumes?.length === 0,
    );
    await until(
      async () => starts(must(restart)).length,
      (count) => count === 2,
    );
    expect((await vmOf(must(restart))).State).toBe('running');
    // A VM stopped from inside starts again like any stopped VM.
    await t.alice('StartVms', { VmIds: [must(stop)] });
    await until(
      () => vmOf(must(stop)),
      (vm) => vm.State === 'running',
    );
  });

  it('halts: stays running without a machine until stopped', async () => {
    const vmId = await runningVm('terminate');
    t.machines.endFromInside(vmId, 'halt');
    await until(
      async () => t.cloud.inventory().accounts[0]?.vms.find((vm) => vm.vmId === vmId),
      (entry) => entry?.ssh === undefined,
    );
    expect((await vmOf(vmId)).State).toBe('running');
    await t.alice('StopVms', { VmIds: [vmId] });
    await until(
      () => vmOf(vmId),
      (vm) => vm.State === 'stopped',
    );
    expect(starts(vmId)).toHaveLength(1);
  });
});
