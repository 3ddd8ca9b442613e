import type { VmRecord } from '../model/records';
import type { RunningVm, VmExit } from '../runtime/vm-runtime';
import type { Cloud } from './cloud';
import { enqueue, keepConsole, linkedVolumes, startMachine, stopMachine, vmHostname } from './vm-machine';
import { deleteVolumeInBackground } from './volume-lifecycle';

// The VM state machine. Every transition that touches the machine is queued on the VM (see `enqueue`).

export { linkedVolumes, vmHostname } from './vm-machine';

/** Starts the VM's machine and watches for its end from inside (reboot, poweroff, halt, a crash). */
async function startWatchedMachine(cloud: Cloud, vm: VmRecord): Promise<void> {
  const running = await startMachine(cloud, vm);
  if (running) watchMachine(cloud, vm, running);
}

function watchMachine(cloud: Cloud, vm: VmRecord, running: RunningVm): void {
  void running.exited?.then((exit) => {
    // A machine local-cloud stopped itself was detached from its VM first.
    if (vm.running !== running || cloud.scheduler.isClosed) return;
    vm.running = undefined;
    keepConsole(vm, running);
    onGuestExit(cloud, vm, exit);
  });
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

// Machines that keep no console of their own (memory machines) still show the login prompt.
function loginLines(vm: VmRecord): void {
  if (vm.running?.consoleOutput) return;
  vm.consoleLines.push(`Debian GNU/Linux 12 ${vmHostname(vm)} ttyS0`, `${vmHostname(vm)} login:`);
}

function markLinksAttached(cloud: Cloud, vm: VmRecord): void {
  for (const volume of linkedVolumes(cloud, vm)) {
    if (volume.link?.state === 'attaching') volume.link = { ...volume.link, state: 'attached' };
  }
}

/** Boots a `pending` VM: `running` once the machine is up and the boot delay has passed. */
export function bootInBackground(cloud: Cloud, vm: VmRecord): void {
  enqueue(cloud, vm, async () => {
    const [booted] = await Promise.allSettled([startWatchedMachine(cloud, vm), cloud.scheduler.wait('vmBoot')]);
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
    loginLines(vm);
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

/**
 * Restarts the machine of a running VM (a reboot from inside, or the `restart` shutdown behaviour): down
 * for `vmReboot`, then up again with the same volumes; the VM stays `running` throughout, as on Outscale.
 */
export function rebootVm(cloud: Cloud, vm: VmRecord): void {
  enqueue(cloud, vm, async () => {
    await stopMachine(vm);
    await cloud.scheduler.wait('vmReboot');
    if (vm.state !== 'running' || vm.running) return;
    try {
      await startWatchedMachine(cloud, vm);
      loginLines(vm);
      scheduleSshFaults(cloud, vm);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      cloud.log.warn(`VM ${vm.id} failed to boot again after a reboot: ${reason}`);
      vm.consoleLines.push(`local-cloud: the VM failed to boot: ${reason}`);
    }
  });
}

// What the console of a Debian VM shows last when it goes down that way.
const lastConsoleLine: Record<VmExit['reason'], string> = {
  stopped: 'reboot: Power down',
  reboot: 'reboot: Restarting system',
  poweroff: 'reboot: Power down',
  halt: 'reboot: System halted',
  crashed: 'Kernel panic - not syncing: Attempted to kill init!',
};

/**
 * What the cloud does when a VM's machine ends without being asked to (queued after any boot in
 * progress): a reboot restarts it; a poweroff follows `VmInitiatedShutdownBehavior` (`stop`, `terminate`,
 * or `restart`); a halt leaves it `running` with nothing running, as a halted VM a hypervisor does not
 * power off; a crash leaves it `running` and unreachable, as a hung VM. Stop or delete those.
 */
function onGuestExit(cloud: Cloud, vm: VmRecord, exit: VmExit): void {
  vm.consoleLines.push(lastConsoleLine[exit.reason]);
  cloud.log.info(`VM ${vm.id}: ${exit.detail}`);
  if (exit.reason === 'crashed') cloud.log.warn(`VM ${vm.id} stays running without its machine: stop or delete it`);
  enqueue(cloud, vm, async () => {
    if (vm.state !== 'running' && vm.state !== 'pending') return;
    const initiated = 'Client.InstanceInitiatedShutdown';
    if (exit.reason === 'reboot' || (exit.reason === 'poweroff' && vm.shutdownBehavior === 'restart')) {
      rebootVm(cloud, vm);
    } else if (exit.reason === 'poweroff' && vm.shutdownBehavior === 'terminate') {
      terminateVm(cloud, vm, initiated);
    } else if (exit.reason === 'poweroff') {
      stopVm(cloud, vm, initiated);
    }
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
        if (wasRunning && vm.state === 'running') await startWatchedMachine(cloud, vm);
      }
    });
  });
}
