import type { AccountRegistry } from '../accounts/account-registry';
import type { FaultInjector } from '../faults/fault-injector';
import type { AddressPool } from '../model/address-pool';
import type { CloudState } from '../model/cloud-state';
import type { DataStore, VmRuntime } from '../runtime/vm-runtime';
import type { Scheduler } from './scheduler';

/** Where local-cloud reports what happens in the background (a VM that failed to boot, a cleanup error). */
export interface CloudLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Everything the operations and background transitions share. */
export interface Cloud {
  readonly region: string;
  readonly subregions: readonly string[];
  readonly state: CloudState;
  readonly accounts: AccountRegistry;
  readonly scheduler: Scheduler;
  readonly faults: FaultInjector;
  readonly store: DataStore;
  readonly runtime: VmRuntime;
  readonly addresses: AddressPool;
  readonly log: CloudLogger;
  now(): Date;
  /** Whether VMs' security groups decide who may connect to their SSH servers. */
  readonly enforceSecurityGroups: boolean;
  /** How many VMs (not terminated) an account may have, like an Outscale quota. */
  readonly maxVmsPerAccount: number;
  /** `host:port` of the API endpoint, as ReadRegions reports it. */
  endpointHost(): string;
}
