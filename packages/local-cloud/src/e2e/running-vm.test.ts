import { existsSync } from 'node:fs';
import { type OapiClient, waitForVmState, waitForVmTerminated } from '@osc-packer/oapi-client';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { clientFor, quickWaits } from '../testing/test-client';
import { until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';
import { exec } from '../testing/vm-harness';
import { connectToVm, runOnVm, sshSecurityGroup } from '../testing/vm-ssh';

// What happens to a running VM, with real VMs: Packer templates reboot VMs (`sudo reboot` with
// expect_disconnect) and power them off; surrogate builds plug volumes in and out while the VM runs.
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

describe('a running VM', () => {
  it('reboots: SSH drops, processes die, the same volumes and endpoint answer again', async () => {
    const vm = await launch('stop');
    const endpoint = must(cloud.sshEndpoint(vm.ip));
    const ssh = await connectToVm(cloud, vm.ip, privateKey);
    const scheduled = await runOnVm(ssh, 'sudo shutdown -r +5 && cat /run/systemd/shutdown/scheduled');
    expect(scheduled).toMatch(/^Reboot scheduled for .*shutdown -c.*\nUSEC=\d+\nWARN_WALL=1\nMODE=reboot\n$/);
    await runOnVm(ssh, 'sudo shutdown -c && test ! -e /run/systemd/shutdown/scheduled');
    // Requests that change nothing: wall only, wtmp only, a runlevel the VM is in; then a bad time.
    await runOnVm(ssh, 'sudo shutdown -k now && sudo /usr/sbin/halt -w && sudo telinit 3 && sudo init q');
    const bad = await exec(ssh, 'sudo shutdown -r soon');
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({
      code: 1,
      stderr: 'Failed to parse time specification: soon\n',
    });
    if (existsSync('/usr/bin/systemctl')) expect(await runOnVm(ssh, 'systemctl --version')).toMatch(/^systemd \d+/);
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
    // The console shows both boots, with the reboot between them, as ReadConsoleOutput does on Outscale.
    const shown = await client.call('ReadConsoleOutput', { VmId: vm.vmId });
    const text = Buffer.from(must(shown.ConsoleOutput), 'base64').toString();
    expect(text.match(/\] Linux version /g)).toHaveLength(2);
    expect(text).toMatch(/login: \nreboot: Restarting system\n\[ +0\.\d+\] Linux version [\s\S]*login: $/);
    await client.call('DeleteVms', { VmIds: [vm.vmId] });
  }, 60_000);

  it('powers off (stop, terminate or restart, as VmInitiatedShutdownBehavior says) and halts (stays running)', async () => {
    const [stop, terminate, restart, halt] = await Promise.all(
      ['stop', 'terminate', 'restart', 'terminate'].map(launch),
    );
    const [toStop, toTerminate, toRestart, toHalt] = await Promise.all(
      [stop, terminate, restart, halt].map((vm) => connectToVm(cloud, must(vm).ip, privateKey)),
    );
    const terminateVolumes = (
      (await client.call('ReadVolumes', { Filters: { LinkVolumeVmIds: [must(terminate).vmId] } })).Volumes ?? []
    ).map((volume) => must(volume.VolumeId));
    await Promise.all([
      runUntilDisconnected(must(toStop), 'sudo poweroff'),
      runUntilDisconnected(must(toTerminate), 'sudo shutdown -h now'),
      runUntilDisconnected(must(toRestart), 'sudo systemctl poweroff'),
      runUntilDisconnected(must(toHalt), 'sudo halt'),
    ]);
    // A halt does not power off: the VM stays running, with nothing running in it.
    await until(
      async () => cloud.inventory().accounts[0]?.vms.find((vm) => vm.vmId === must(halt).vmId),
      (entry) => entry?.state === 'running' && entry.ssh === undefined,
    );

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
    await client.call('DeleteVms', { VmIds: [must(stop).vmId, must(restart).vmId, must(halt).vmId] });
  }, 60_000);
});

describe('volumes linked to a running VM', () => {
  const waitLink = (volumeId: string, state: string) =>
    until(
      () => client.call('ReadVolumes', { Filters: { VolumeIds: [volumeId] } }),
      (read) =>
        state === 'available'
          ? read.Volumes?.[0]?.State === 'available'
          : read.Volumes?.[0]?.LinkedVolumes?.[0]?.State === state,
    );

  it.skipIf(!isRoot)(
    'appear in it and disappear from it at once, as block devices (needs root)',
    async () => {
      const vm = await launch('stop');
      const volumeId = must(
        (await client.call('CreateVolume', { SubregionName: `${cloud.region}a`, Size: 1 })).Volume?.VolumeId,
      );
      await waitLink(volumeId, 'available');
      await client.call('LinkVolume', { VolumeId: volumeId, VmId: vm.vmId, DeviceName: '/dev/sdc' });
      await waitLink(volumeId, 'attached');
      const ssh = await connectToVm(cloud, vm.ip, privateKey);
      await runOnVm(
        ssh,
        'test -b /dev/sdc && sudo mkfs.ext4 -q /dev/sdc && sudo mkdir /data && sudo mount /dev/sdc /data',
      );
      await runOnVm(ssh, 'echo plugged | sudo tee /data/file');
      await client.call('UnlinkVolume', { VolumeId: volumeId });
      await waitLink(volumeId, 'available');
      expect(await runOnVm(ssh, 'test -e /dev/sdc || echo gone; mountpoint -q /data || echo unmounted')).toBe(
        'gone\nunmounted\n',
      );
      await client.call('LinkVolume', { VolumeId: volumeId, VmId: vm.vmId, DeviceName: '/dev/xvdf' });
      await waitLink(volumeId, 'attached');
      expect(await runOnVm(ssh, 'sudo mount /dev/xvdf /data && cat /data/file && sudo umount /data')).toBe('plugged\n');
      ssh.end();
      await client.call('DeleteVms', { VmIds: [vm.vmId] });
      await waitForVmTerminated(client, vm.vmId, quickWaits);
      await waitLink(volumeId, 'available');
      await client.call('DeleteVolume', { VolumeId: volumeId });
    },
    60_000,
  );
});
