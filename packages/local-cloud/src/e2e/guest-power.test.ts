import { type OapiClient, waitForVmState, waitForVmTerminated } from '@osc-packer/oapi-client';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { clientFor, quickWaits } from '../testing/test-client';
import { until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';
import { exec } from '../testing/vm-harness';
import { connectToVm, runOnVm, sshSecurityGroup } from '../testing/vm-ssh';

// Packer templates reboot VMs (`sudo reboot` with expect_disconnect) and power them off; real VMs here.
let cloud: LocalCloud;
let client: OapiClient;
let privateKey: string;
let groupId: string;
const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  cloud = await startLocalCloud({ timing: { profile: 'instant', overrides: { vmReboot: 100 } } });
  client = clientFor(cloud);
  privateKey = must((await client.call('CreateKeypair', { KeypairName: 'power' })).Keypair?.PrivateKey);
  groupId = await sshSecurityGroup(client);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await cloud?.close();
}, 60_000);

async function launch(behavior: string): Promise<{ vmId: string; ip: string }> {
  const created = await client.call('CreateVms', {
    ImageId: cloud.catalogImageId,
    KeypairName: 'power',
    SecurityGroupIds: [groupId],
    VmInitiatedShutdownBehavior: behavior,
    BlockDeviceMappings: [{ DeviceName: '/dev/sdb', Bsu: { VolumeSize: 1, DeleteOnVmDeletion: true } }],
  });
  const vmId = must(created.Vms?.[0]?.VmId);
  return { vmId, ip: must((await waitForVmState(client, vmId, 'running', quickWaits)).PublicIp) };
}

/** Runs a command that takes the VM down; resolves once the connection is gone. */
async function runUntilDisconnected(ssh: Client, command: string): Promise<void> {
  const closed = new Promise<void>((resolve) => ssh.once('close', () => resolve()));
  ssh.on('error', () => {});
  const result = await exec(ssh, command).catch(() => undefined);
  await closed;
  // The session ends with the machine, never with an exit status, as when sshd is killed by a reboot.
  expect(result?.code ?? null).toBeNull();
}

describe('power commands inside VMs', () => {
  it('reboots: SSH drops, processes die, the same volumes and endpoint answer again', async () => {
    const vm = await launch('stop');
    const endpoint = must(cloud.sshEndpoint(vm.ip));
    const ssh = await connectToVm(cloud, vm.ip, privateKey);
    const scheduled = await runOnVm(ssh, 'sudo shutdown -r +5 && cat /run/systemd/shutdown/scheduled');
    expect(scheduled).toMatch(/^Reboot scheduled for .*shutdown -c.*\nUSEC=\d+\nWARN_WALL=1\nMODE=reboot\n$/);
    await runOnVm(ssh, 'sudo shutdown -c && test ! -e /run/systemd/shutdown/scheduled');
    if (isRoot) {
      const refused = await exec(ssh, '/usr/sbin/reboot');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Interactive authentication required');
    }
    await runOnVm(ssh, 'echo kept | sudo tee /var/lib/marker && (setsid sleep 1000 </dev/null >/dev/null 2>&1 &)');
    await runOnVm(ssh, 'echo on-sdb | sudo dd of=/dev/sdb conv=notrunc status=none');
    expect(await runOnVm(ssh, 'pgrep -fc "[s]leep 1000"')).toBe('1\n');
    await runUntilDisconnected(ssh, 'sudo reboot');

    const again = await until(
      () => connectToVm(cloud, vm.ip, privateKey).catch(() => undefined),
      (connected) => connected !== undefined,
      20_000,
    ).then(must);
    expect(cloud.sshEndpoint(vm.ip)).toEqual(endpoint);
    expect(await runOnVm(again, 'cat /var/lib/marker; pgrep -fc "[s]leep 1000" || true')).toBe('kept\n0\n');
    expect(await runOnVm(again, 'sudo head -c 7 /dev/sdb')).toBe('on-sdb\n');
    again.end();
    const read = await client.call('ReadVms', { Filters: { VmIds: [vm.vmId] } });
    expect(read.Vms?.[0]?.State).toBe('running');
    await client.call('DeleteVms', { VmIds: [vm.vmId] });
  }, 60_000);

  it('powers off: the VM stops, terminates or restarts as its VmInitiatedShutdownBehavior says', async () => {
    const [stop, terminate, restart] = await Promise.all(['stop', 'terminate', 'restart'].map(launch));
    const [toStop, toTerminate, toRestart] = await Promise.all(
      [stop, terminate, restart].map((vm) => connectToVm(cloud, must(vm).ip, privateKey)),
    );
    const terminateVolumes = (
      (await client.call('ReadVolumes', { Filters: { LinkVolumeVmIds: [must(terminate).vmId] } })).Volumes ?? []
    ).map((volume) => must(volume.VolumeId));
    await Promise.all([
      runUntilDisconnected(must(toStop), 'sudo poweroff'),
      runUntilDisconnected(must(toTerminate), 'sudo shutdown -h now'),
      runUntilDisconnected(must(toRestart), 'sudo systemctl poweroff'),
    ]);

    const stopped = await waitForVmState(client, must(stop).vmId, 'stopped', quickWaits);
    expect(stopped.StateReason).toBe('Client.InstanceInitiatedShutdown');
    await waitForVmTerminated(client, must(terminate).vmId, quickWaits);
    await until(
      () => client.call('ReadVolumes', { Filters: { VolumeIds: terminateVolumes } }),
      (read) => read.Volumes?.length === 0,
    );
    const back = await until(
      () => connectToVm(cloud, must(restart).ip, privateKey).catch(() => undefined),
      (connected) => connected !== undefined,
      20_000,
    ).then(must);
    expect(await runOnVm(back, 'id -un')).toBe('outscale\n');
    back.end();
    await client.call('DeleteVms', { VmIds: [must(stop).vmId, must(restart).vmId] });
  }, 60_000);
});
