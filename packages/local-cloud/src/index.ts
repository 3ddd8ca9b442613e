/** Resource ids in the real API's shape (`i-…`, `ami-…`, `vol-…`). */
export { newResourceId, type ResourceKind, resourceKindOf } from './model/resource-id';
/** Errors of the machine side, with a `code` to branch on. */
export { MachineError, type MachineErrorCode } from './runtime/machine-error';
/** The contract between local-cloud's API side (when) and its machine side (what really happens). */
export type { DataStore, RunningVm, SnapshotData, VmLaunch, VmRuntime, VolumeData } from './runtime/vm-runtime';
/** Volumes and snapshots on disk for local-cloud's VMs: overlay layers for root filesystems, sparse disk images. */
export { createDataStore, type DataStoreOptions, LocalDataStore } from './storage/data-store';
/** Whether and how VMs can be isolated here (root, user namespaces); injectable into `createVmRuntime`. */
export { defaultIsolationProbe, type IsolationProbe, type IsolationProbeResult } from './vm/isolation-probe';
/** VMs refused to start because this machine cannot isolate them: what is missing and how to enable it. */
export { IsolationUnavailableError } from './vm/isolation-unavailable-error';
/** VMs isolated from the host in namespaces, each an SSH endpoint (ssh2) on its own loopback address. */
export { createVmRuntime, LocalVmRuntime, type VmRuntimeOptions } from './vm/local-vm-runtime';
