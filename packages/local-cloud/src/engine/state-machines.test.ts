import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, testPublicKey, until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

let t: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  t = await startTestCloud({
    timing: { profile: 'instant', overrides: { vmTerminatedRetention: 300, volumeAttach: 150, snapshotCreate: 300 } },
  });
});
afterAll(() => t.cloud.close());

const vmOf = async (vmId: string) => (await t.alice('ReadVms', { Filters: { VmIds: [vmId] } })).Vms?.[0];

async function runningVm(extra: Record<string, unknown> = {}) {
  const vmId = must((await t.alice('CreateVms', { ImageId: t.cloud.catalogImageId, ...extra })).Vms?.[0]?.VmId);
  await until(
    () => vmOf(vmId),
    (vm) => vm?.State === 'running',
  );
  return vmId;
}

describe('state machines', () => {
  it('keeps terminated VMs visible for a while, and their volumes as DeleteOnVmDeletion says', async () => {
    const { alice } = t;
    const vmId = await runningVm({
      BlockDeviceMappings: [
        { DeviceName: '/dev/sda1', Bsu: { DeleteOnVmDeletion: false } },
        { DeviceName: '/dev/sdb', Bsu: { VolumeSize: 1 } },
      ],
    });
    const volumes = must((await alice('ReadVolumes', { Filters: { LinkVolumeVmIds: [vmId] } })).Volumes);
    expect(volumes.map((v) => v.LinkedVolumes?.[0]?.DeleteOnVmDeletion).sort()).toEqual([false, true]);
    await alice('DeleteVms', { VmIds: [vmId] });
    await until(
      () => vmOf(vmId),
      (vm) => vm?.State === 'terminated',
    );
    expect((await vmOf(vmId))?.PublicIp).toBeUndefined();
    await until(
      () => vmOf(vmId),
      (vm) => vm === undefined,
    );
    const left = must(
      (await alice('ReadVolumes', { Filters: { VolumeIds: volumes.map((v) => must(v.VolumeId)) } })).Volumes,
    );
    expect(left).toEqual([expect.objectContaining({ State: 'available', LinkedVolumes: [], Size: 10 })]);
  });

  it('goes through link states and snapshot progress', async () => {
    const { alice, cloud } = t;
    const vmId = await runningVm();
    const volumeId = must(
      (await alice('CreateVolume', { SubregionName: `${cloud.region}a`, Size: 1 })).Volume?.VolumeId,
    );
    await until(
      () => alice('ReadVolumes', { Filters: { VolumeIds: [volumeId] } }),
      (a) => a.Volumes?.[0]?.State === 'available',
    );
    await alice('LinkVolume', { VolumeId: volumeId, VmId: vmId, DeviceName: '/dev/sdf' });
    const linking = must((await alice('ReadVolumes', { Filters: { VolumeIds: [volumeId] } })).Volumes?.[0]);
    expect(linking).toMatchObject({
      State: 'in-use',
      LinkedVolumes: [{ State: 'attaching', VmId: vmId, DeviceName: '/dev/sdf' }],
    });
    await until(
      () => alice('ReadVolumes', { Filters: { VolumeIds: [volumeId] } }),
      (a) => a.Volumes?.[0]?.LinkedVolumes?.[0]?.State === 'attached',
    );
    const snapshotId = must((await alice('CreateSnapshot', { VolumeId: volumeId })).Snapshot?.SnapshotId);
    const progresses = new Set<number>();
    await until(
      async () => must((await alice('ReadSnapshots', { Filters: { SnapshotIds: [snapshotId] } })).Snapshots?.[0]),
      (snapshot) => {
        progresses.add(must(snapshot.Progress));
        return snapshot.State === 'completed';
      },
    );
    expect(Math.max(...progresses)).toBe(100);
    expect([...progresses].some((p) => p > 0 && p < 100)).toBe(true);
  });

  it('shuts the machine down for CreateImage unless NoReboot, and keeps the VM running', async () => {
    const { alice, machines } = t;
    const vmId = await runningVm();
    const starts = () => machines.log.started.filter((launch) => launch.vmId === vmId).length;
    const imageId = must((await alice('CreateImage', { VmId: vmId, ImageName: 'rebooted' })).Image?.ImageId);
    await until(
      () => alice('ReadImages', { Filters: { ImageIds: [imageId] } }),
      (a) => a.Images?.[0]?.State === 'available',
    );
    expect(machines.log.stopped).toContain(vmId);
    expect(starts()).toBe(2);
    expect((await vmOf(vmId))?.State).toBe('running');
    await alice('CreateImage', { VmId: vmId, ImageName: 'not-rebooted', NoReboot: true });
    expect(starts()).toBe(2);
  });

  it('honours BootOnCreation, DeletionProtection and the keypair of the VM', async () => {
    const { alice, machines } = t;
    await alice('CreateKeypair', { KeypairName: 'k1', PublicKey: testPublicKey() });
    const vmId = must(
      (
        await alice('CreateVms', {
          ImageId: t.cloud.catalogImageId,
          BootOnCreation: false,
          DeletionProtection: true,
          KeypairName: 'k1',
        })
      ).Vms?.[0]?.VmId,
    );
    expect((await vmOf(vmId))?.State).toBe('stopped');
    await alice('DeleteVms', { VmIds: [vmId] }, 409);
    await alice('StartVms', { VmIds: [vmId] });
    await until(
      () => vmOf(vmId),
      (vm) => vm?.State === 'running',
    );
    const launch = must(machines.log.started.find((l) => l.vmId === vmId));
    expect(launch.authorizedKeys).toEqual([expect.stringMatching(/^ssh-ed25519 /)]);
    expect(launch.root.deviceName).toBe('/dev/sda1');
    await alice('UpdateVm', { VmId: vmId, DeletionProtection: false });
    await alice('DeleteVms', { VmIds: [vmId] });
  });

  it('pages results with NextPageToken', async () => {
    const { bob } = t;
    for (let i = 0; i < 5; i++) await bob('CreateKeypair', { KeypairName: `page-${i}`, PublicKey: testPublicKey() });
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await bob('ReadKeypairs', { ResultsPerPage: 2, ...(token ? { NextPageToken: token } : {}) });
      names.push(...(page.Keypairs ?? []).map((k) => must(k.KeypairName)));
      token = page.NextPageToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    await bob('ReadKeypairs', { ResultsPerPage: 1001 }, 400);
  });
});

describe('a VM whose machine cannot start', () => {
  it('terminates, says why in StateReason and the console, and frees its volumes', async () => {
    const broken = await startTestCloud();
    broken.machines.runtime.start = async () => {
      throw new Error('no user namespaces on this machine');
    };
    try {
      const vmId = must((await broken.alice('CreateVms', { ImageId: broken.cloud.catalogImageId })).Vms?.[0]?.VmId);
      const vm = await until(
        async () => must((await broken.alice('ReadVms', { Filters: { VmIds: [vmId] } })).Vms?.[0]),
        (v) => v.State === 'terminated',
      );
      expect(vm.StateReason).toBe('Server.InternalError: no user namespaces on this machine');
      const console = must((await broken.alice('ReadConsoleOutput', { VmId: vmId })).ConsoleOutput);
      expect(Buffer.from(console, 'base64').toString()).toContain('no user namespaces on this machine');
      await until(
        () => broken.alice('ReadVolumes', {}),
        (a) => a.Volumes?.length === 0,
      );
    } finally {
      await broken.cloud.close();
    }
  });
});
