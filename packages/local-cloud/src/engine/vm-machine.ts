import type { VmRecord, VolumeRecord } from '../model/records';
import { MachineError } from '../runtime/machine-error';
import type { RunningVm, VmLaunch } from '../runtime/vm-runtime';
import type { Cloud } from './cloud';
import { admitsSsh } from './ssh-firewall';

// The machine under a VM record: starting it from the volumes linked to the VM, stopping it, and the
// queue that keeps those in order.

/**
 * Queues work that touches a VM's machine after whatever was queued before, so a stop asked while the VM
 * is still booting runs once the boot is done, and DeleteVms during a stop waits for it.
 */
export function enqueue(cloud: Cloud, vm: VmRecord, task: () => Promise<void>): void {
  const previous = vm.lifecycle;
  let done = () => {};
  vm.lifecycle = new Promise<void>((resolve) => {
    done = resolve;
  });
  cloud.scheduler.run(async () => {
    try {
      await previous;
      await task();
    } finally {
      done();
    }
  });
}

/** The volumes linked to a VM, root first. */
export function linkedVolumes(cloud: Cloud, vm: VmRecord): VolumeRecord[] {
  const volumes = [...cloud.state.volumes.values()].filter((volume) => volume.link?.vmId === vm.id);
  return volumes.sort(
    (a, b) => Number(b.link?.deviceName === vm.rootDeviceName) - Number(a.link?.deviceName === vm.rootDeviceName),
  );
}

/** The hostname Outscale gives a VM, from its private IP. */
export function vmHostname(vm: VmRecord): string {
  return `ip-${vm.privateIp.replaceAll('.', '-')}`;
}

/** Boots the VM's machine from its linked volumes (awaiting their data); sets `vm.running`. */
export async function startMachine(cloud: Cloud, vm: VmRecord): Promise<RunningVm | undefined> {
  if (vm.isHost) return undefined;
  const volumes = linkedVolumes(cloud, vm);
  await Promise.all(volumes.map((volume) => volume.ready));
  const disks = volumes.flatMap((volume) =>
    volume.link && volume.data ? [{ deviceName: volume.link.deviceName, volume: volume.data }] : [],
  );
  const root = disks.find((disk) => disk.deviceName === vm.rootDeviceName);
  if (!root) throw new Error(`VM ${vm.id} has no root volume on ${vm.rootDeviceName}`);
  if (!vm.launchPublicIp) throw new Error(`VM ${vm.id} has no public IP to listen on`);
  const launch: VmLaunch = {
    vmId: vm.id,
    hostname: vmHostname(vm),
    privateIp: vm.privateIp,
    publicIp: vm.launchPublicIp,
    root,
    extraDisks: disks.filter((disk) => disk !== root),
    authorizedKeys: vm.authorizedKeys,
    userData: vm.userData === undefined ? undefined : Buffer.from(vm.userData, 'base64'),
    ...(vm.sshPort ? { sshPort: vm.sshPort } : {}),
    admitSsh: (client) => admitsSsh(cloud, vm, client),
  };
  const running = await cloud.runtime.start(launch);
  vm.running = running;
  vm.sshPort = running.ssh.port;
  return running;
}

/** Stops the VM's machine, if it has one; `vm.running` is cleared first, so its end is not a surprise. */
export async function stopMachine(vm: VmRecord): Promise<void> {
  const running = vm.running;
  vm.running = undefined;
  if (!running) return;
  await running.stop();
  keepConsole(vm, running);
}

/** Keeps what an ended boot showed on the console, for ReadConsoleOutput. */
export function keepConsole(vm: VmRecord, ended: RunningVm): void {
  const output = ended.consoleOutput?.();
  if (output) vm.consoleLines.push(...output.replace(/\n$/, '').split('\n'));
}

/** The VM's console as ReadConsoleOutput shows it: ended boots, then the current one. */
export function consoleText(vm: VmRecord): string {
  const current = vm.running?.consoleOutput?.() ?? '';
  return `${vm.consoleLines.map((line) => `${line}\n`).join('')}${current}`;
}

/**
 * Runs `work` on the VM's machine, in the VM's queue (after a boot or stop in progress), if it has one
 * then. A failure is logged, not thrown: the API answer was given long ago, and what was not done live
 * (a disk plugged into a rootless VM) happens at the next boot anyway.
 */
export function onRunningMachine(
  cloud: Cloud,
  vm: VmRecord,
  what: string,
  work: (running: RunningVm) => Promise<void> | undefined,
): Promise<void> {
  return new Promise<void>((resolve) => {
    enqueue(cloud, vm, async () => {
      try {
        if (vm.running) await work(vm.running);
      } catch (error) {
        const message = `VM ${vm.id}: ${what}: ${error instanceof Error ? error.message : String(error)}`;
        if (MachineError.isInstance(error) && error.code === 'unsupported') cloud.log.info(message);
        else cloud.log.warn(message);
      } finally {
        resolve();
      }
    });
  });
}
