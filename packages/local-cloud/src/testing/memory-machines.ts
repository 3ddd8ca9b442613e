import type { DataStore, RunningVm, SnapshotData, VmLaunch, VmRuntime, VolumeData } from '../runtime/vm-runtime';

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
export function memoryMachines(): { runtime: VmRuntime; store: DataStore; log: MemoryMachinesLog } {
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
      return {
        vmId: launch.vmId,
        ssh: { host: launch.publicIp, port: 22 },
        async stop() {
          log.stopped.push(launch.vmId);
        },
        dropSshConnections() {
          log.dropped.push(launch.vmId);
        },
      };
    },
    async close() {},
  };
  return { runtime, store, log };
}
