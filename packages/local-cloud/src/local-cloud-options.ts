import type { AccountOptions } from './accounts/account-registry';
import type { CloudLogger } from './engine/cloud';
import type { TimingOptions, TimingProfileName } from './engine/timing-profiles';
import type { FaultRuleInput } from './faults/fault-rule';
import type { AddressRanges } from './model/address-pool';
import type { DataStore, VmRuntime } from './runtime/vm-runtime';

/** How to start a local cloud. Everything has a default; tests mostly set `timing: 'instant'`. */
export interface LocalCloudOptions {
  /** Loopback address of the API (default `127.0.0.1`). */
  host?: string;
  /** API port (default 0: any free port). */
  port?: number;
  /** Region name (default `eu-west-2`); its Subregions are `<region>a` and `<region>b`. */
  region?: string;
  /** The accounts and their keys (default: two accounts with generated keys). */
  accounts?: AccountOptions[];
  /** A profile name, or a profile with scale and per-transition overrides (default `fast`). */
  timing?: TimingProfileName | TimingOptions;
  /** Fault rules in force from the start. */
  faults?: FaultRuleInput[];
  /** Where VMs run and volume data lives (default: the isolated runtime and store of this package). */
  machines?: { runtime: VmRuntime; store: DataStore };
  /**
   * The VM metadata service: where it listens (default `127.0.0.1`, any port), and whether to create a
   * "host VM" for it to describe (the machine osc-packer runs on, for the chroot builder). `false` turns
   * the service off.
   */
  metadata?: false | { host?: string; port?: number; hostVm?: boolean | { account?: number } };
  /** Address ranges handed to VMs. */
  addresses?: Partial<AddressRanges>;
  /**
   * Whether a VM's security groups filter connections to its SSH server, as Outscale's firewall does
   * (default true): a connection no inbound rule allows (tcp/22 from the client's address, 127.0.0.1 on
   * loopback) is dropped. `false` lets every connection in.
   */
  enforceSecurityGroups?: boolean;
  /** VMs (not terminated) one account may have (default 50). */
  maxVmsPerAccount?: number;
  /** Size of the catalog's Debian root volume in GiB (default 10). */
  catalogRootSizeGiB?: number;
  /** Where background events go (a VM that failed to boot...). Default: nowhere. */
  logger?: CloudLogger;
  /** The server clock (default: the system's). */
  now?: () => Date;
  /** Random source of probabilistic faults (default Math.random). */
  random?: () => number;
}
