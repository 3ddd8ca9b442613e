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
/** The contract between the API side and the machine side (VMs, volume data). */
export type { DataStore, RunningVm, SnapshotData, VmLaunch, VmRuntime, VolumeData } from './runtime/vm-runtime';
/** What the stats endpoint answers (calls per operation). */
export type { CallStatsSnapshot } from './stats/call-stats';
