import type {
  DataStore,
  RunningVm,
  SnapshotData,
  VmExit,
  VmExitReason,
  VmLaunch,
  VmRuntime,
  VolumeData,
} from '../runtime/vm-runtime';

/** What the memory machines did, for tests to check. */
export interface MemoryMachinesLog {
  started: VmLaunch[];
  stopped: string[];
  dropped: string[];
  volumes: Map<string, VolumeData>;
  snapshots: Map<string, SnapshotData>;
  closed: boolean;
}

/**
 * Machines without machines, for tests of the API's semantics only (filters, errors, state machines):
 * volumes and snapshots are bookkeeping, VMs "run" without processes or SSH. End-to-end tests use the
 * real runtime.
 */
export function memoryMachines(): {
  runtime: VmRuntime;
  store: DataStore;
  log: MemoryMachinesLog;
  /** Ends the current boot of a VM as if from inside (`reboot`, `poweroff`...); false when not running. */
  endFromInside(vmId: string, reason: Exclude<VmExitReason, 'stopped'>): boolean;
} {
  const running = new Map<string, (exit: VmExit) => void>();
  const log: MemoryMachinesLog = {
    started: [],
    stopped: [],
    dropped: [],
    volumes: new Map(),
    snapshots: new Map(),
    closed: false,
  };
  const store: DataStore = {
    async createEmptyVolume(volumeId, sizeGiB) {
      const volume = { id: volumeId, sizeGiB };
      log.volumes.set(volumeId, volume);
      return volume;
    },
    async createVolumeFromSnapshot(volumeId, _snapshot, sizeGiB) {
      const volume = { id: volumeId, sizeGiB };
      log.volumes.set(volumeId, volume);
      return volume;
    },
    async snapshotVolume(snapshotId, volume) {
      const snapshot = { id: snapshotId, sizeGiB: volume.sizeGiB };
      log.snapshots.set(snapshotId, snapshot);
      return snapshot;
    },
    async deleteVolume(volume) {
      log.volumes.delete(volume.id);
    },
    async deleteSnapshot(snapshot) {
      log.snapshots.delete(snapshot.id);
    },
    async catalogSnapshot() {
      return { id: 'catalog-debian-12', sizeGiB: 10 };
    },
    async close() {
      log.closed = true;
    },
  };
  const runtime: VmRuntime = {
    isolation: 'user-namespace',
    async start(launch): Promise<RunningVm> {
      log.started.push(launch);
      let settle: (exit: VmExit) => void = () => {};
      const exited = new Promise<VmExit>((resolve) => {
        settle = resolve;
      });
      const end = (exit: VmExit) => {
        if (running.get(launch.vmId) === end) running.delete(launch.vmId);
        settle(exit);
      };
      running.set(launch.vmId, end);
      return {
        vmId: launch.vmId,
        ssh: { host: launch.publicIp, port: 22 },
        exited,
        async stop() {
          log.stopped.push(launch.vmId);
          end({ reason: 'stopped', detail: 'stopped by local-cloud' });
        },
        dropSshConnections() {
          log.dropped.push(launch.vmId);
        },
      };
    },
    async close() {},
  };
  const endFromInside = (vmId: string, reason: Exclude<VmExitReason, 'stopped'>) => {
    const end = running.get(vmId);
    end?.({ reason, detail: `the VM's ${reason} (memory machines)` });
    return end !== undefined;
  };
  return { runtime, store, log, endFromInside };
}
