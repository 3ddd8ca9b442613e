import type { VmRecord, VolumeRecord } from '../model/records';
import type { VmLaunch } from '../runtime/vm-runtime';
import type { Cloud } from './cloud';
import { deleteVolumeInBackground } from './volume-lifecycle';

// The VM state machine. Every transition that touches the machine is queued on the VM, so a stop asked
// while the VM is still booting runs once the boot is done, and DeleteVms during a stop waits for it.

function enqueue(cloud: Cloud, vm: VmRecord, task: () => Promise<void>): void {
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

async function startMachine(cloud: Cloud, vm: VmRecord): Promise<void> {
  if (vm.isHost) return;
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
  };
  vm.running = await cloud.runtime.start(launch);
}

async function stopMachine(vm: VmRecord): Promise<void> {
  const running = vm.running;
  vm.running = undefined;
  if (running) await running.stop();
}

function scheduleSshFaults(cloud: Cloud, vm: VmRecord): void {
  const account = cloud.accounts.byId(vm.accountId);
  for (const delay of cloud.faults.sshDisconnectDelays(vm.accountId, account?.alias)) {
    const running = vm.running;
    cloud.scheduler.run(async () => {
      await cloud.scheduler.sleep(delay);
      if (vm.running === running) running?.dropSshConnections();
    });
  }
}

function markLinksAttached(cloud: Cloud, vm: VmRecord): void {
  for (const volume of linkedVolumes(cloud, vm)) {
    if (volume.link?.state === 'attaching') volume.link = { ...volume.link, state: 'attached' };
  }
}

/** Boots a `pending` VM: `running` once the machine is up and the boot delay has passed. */
export function bootInBackground(cloud: Cloud, vm: VmRecord): void {
  enqueue(cloud, vm, async () => {
    const [booted] = await Promise.allSettled([startMachine(cloud, vm), cloud.scheduler.wait('vmBoot')]);
    if (vm.state !== 'pending') return;
    if (booted.status === 'rejected') {
      const reason = booted.reason instanceof Error ? booted.reason.message : String(booted.reason);
      cloud.log.warn(`VM ${vm.id} failed to boot: ${reason}`);
      vm.consoleLines.push(`local-cloud: the VM failed to boot: ${reason}`);
      terminateVm(cloud, vm, `Server.InternalError: ${reason}`);
      return;
    }
    vm.state = 'running';
    vm.stateReason = '';
    markLinksAttached(cloud, vm);
    vm.consoleLines.push(`Debian GNU/Linux 12 ${vmHostname(vm)} ttyS0`, `${vmHostname(vm)} login:`);
    scheduleSshFaults(cloud, vm);
  });
}

/** Stops a VM: `stopping`, then `stopped` once its machine is down. A linked public IP is dropped. */
export function stopVm(cloud: Cloud, vm: VmRecord, reason = 'User initiated'): void {
  vm.state = 'stopping';
  vm.stateReason = reason;
  enqueue(cloud, vm, async () => {
    await Promise.all([stopMachine(vm), cloud.scheduler.wait('vmStop')]);
    if (vm.state !== 'stopping') return;
    vm.state = 'stopped';
    dropLinkedPublicIp(cloud, vm);
  });
}

/** Starts a stopped VM again: `pending`, then `running`, with the data its volumes hold. */
export function startVm(cloud: Cloud, vm: VmRecord): void {
  vm.state = 'pending';
  vm.stateReason = '';
  bootInBackground(cloud, vm);
}

/** Restarts the machine of a running VM (VM-initiated reboot, or `restart` shutdown behaviour). */
export function rebootVm(cloud: Cloud, vm: VmRecord): void {
  enqueue(cloud, vm, async () => {
    await stopMachine(vm);
    if (vm.state === 'running') await startMachine(cloud, vm);
  });
}

// Outscale drops a linked public IP at each stop unless the VM is tagged to keep it.
function dropLinkedPublicIp(cloud: Cloud, vm: VmRecord): void {
  if (!vm.linkedPublicIp || vm.tags.get('osc.fcu.eip.auto-attach') === vm.linkedPublicIp) return;
  for (const ip of cloud.state.publicIps.values()) {
    if (ip.link?.vmId === vm.id) ip.link = undefined;
  }
  vm.linkedPublicIp = undefined;
}

/** Deletes a VM: `shutting-down`, then `terminated`; its volumes go or stay as `DeleteOnVmDeletion` says. */
export function terminateVm(cloud: Cloud, vm: VmRecord, reason = 'User initiated'): void {
  vm.state = 'shutting-down';
  vm.stateReason = reason;
  enqueue(cloud, vm, async () => {
    await Promise.all([stopMachine(vm), cloud.scheduler.wait('vmTerminate')]);
    for (const volume of linkedVolumes(cloud, vm)) {
      if (volume.link?.deleteOnVmDeletion) deleteVolumeInBackground(cloud, volume);
      else {
        volume.link = undefined;
        if (volume.state === 'in-use') volume.state = 'available';
      }
    }
    for (const ip of cloud.state.publicIps.values()) {
      if (ip.link?.vmId === vm.id) ip.link = undefined;
    }
    vm.linkedPublicIp = undefined;
    if (vm.launchPublicIp) cloud.addresses.vmPublic.release(vm.launchPublicIp);
    cloud.addresses.private.release(vm.privateIp);
    vm.state = 'terminated';
    vm.terminatedAt = cloud.now();
    // Terminated VMs stay listed for a while, as on Outscale, then vanish.
    await cloud.scheduler.wait('vmTerminatedRetention');
    cloud.state.vms.delete(vm.id);
  });
}

/** What a VM's own `shutdown`/`poweroff`/`reboot` does, following `VmInitiatedShutdownBehavior`. */
export function guestShutdown(cloud: Cloud, vm: VmRecord, kind: 'poweroff' | 'reboot'): void {
  if (vm.state !== 'running') return;
  if (kind === 'reboot' || vm.shutdownBehavior === 'restart') rebootVm(cloud, vm);
  else if (vm.shutdownBehavior === 'terminate') terminateVm(cloud, vm, 'Client.InstanceInitiatedShutdown');
  else stopVm(cloud, vm, 'Client.InstanceInitiatedShutdown');
}

/**
 * Runs `work` with the VM's machine shut down (CreateImage without NoReboot): the machine stops, `work`
 * runs, and a VM still `running` boots again. The VM's state does not change, as on Outscale.
 */
export function withMachineStopped(cloud: Cloud, vm: VmRecord, work: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    enqueue(cloud, vm, async () => {
      const wasRunning = vm.running !== undefined;
      await stopMachine(vm);
      try {
        await work();
        resolve();
      } catch (error) {
        reject(error);
      } finally {
        if (wasRunning && vm.state === 'running') await startMachine(cloud, vm);
      }
    });
  });
}
