/** How an account is configured at start (alias, keys, id). */
export type { AccountOptions } from './accounts/account-registry';
/** What the inventory endpoint answers (live resources per account, SSH endpoints of VMs). */
export type { AccountInventory, Inventory, VmInventoryEntry } from './admin/inventory';
/** The name of the catalog's Debian 12 OMI. */
export { debianImageName } from './catalog/public-catalog';
/** Where background events are reported. */
export type { CloudLogger } from './engine/cloud';
/** Timing profiles (`instant`, `fast`, `realistic`) and the transitions they time. */
export {
  isTimingProfileName,
  resolveTimings,
  type TimingOptions,
  type TimingProfileName,
  type Timings,
  timingProfiles,
} from './engine/timing-profiles';
/** A fault rule in force, with its match and fire counts. */
export type { ActiveFault } from './faults/fault-injector';
/** Fault rules: the schema of one rule and of a faults file (`{ "faults": [...] }`). */
export {
  type FaultAction,
  type FaultResourceKind,
  type FaultRule,
  type FaultRuleInput,
  faultResourceKinds,
  faultRuleSchema,
  faultsFileSchema,
} from './faults/fault-rule';
/** Starts an Outscale-compatible cloud on loopback; the handle has its endpoint, keys, faults, inventory. */
export { type LocalCloud, type LocalCloudAccount, startLocalCloud } from './local-cloud';
/** Every option of `startLocalCloud`. */
export type { LocalCloudOptions } from './local-cloud-options';
/** Resource ids in the real API's shape (`i-…`, `ami-…`, `vol-…`). */
export { newResourceId, type ResourceKind, resourceKindOf } from './model/resource-id';
/** Errors of the machine side, with a `code` to branch on. */
export { MachineError, type MachineErrorCode } from './runtime/machine-error';
/** The contract between local-cloud's API side (when) and its machine side (what really happens). */
export type { DataStore, RunningVm, SnapshotData, VmLaunch, VmRuntime, VolumeData } from './runtime/vm-runtime';
/** What the stats endpoint answers (calls per operation). */
export type { CallStatsSnapshot } from './stats/call-stats';
/** Volumes and snapshots on disk for local-cloud's VMs: overlay layers for root filesystems, sparse disk images. */
export { createDataStore, type DataStoreOptions, LocalDataStore } from './storage/data-store';
/** Whether and how VMs can be isolated here (root, user namespaces); injectable into `createVmRuntime`. */
export { defaultIsolationProbe, type IsolationProbe, type IsolationProbeResult } from './vm/isolation-probe';
/** VMs refused to start because this machine cannot isolate them: what is missing and how to enable it. */
export { IsolationUnavailableError } from './vm/isolation-unavailable-error';
/** VMs isolated from the host in namespaces, each an SSH endpoint (ssh2) on its own loopback address. */
export { createVmRuntime, LocalVmRuntime, type VmRuntimeOptions } from './vm/local-vm-runtime';
