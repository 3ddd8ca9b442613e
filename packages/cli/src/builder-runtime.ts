import type { Logger } from '@osc-packer/builder-core';
import type { WaiterOptions } from '@osc-packer/oapi-client';
import type { SshEndpointResolver } from './local-cloud/ssh-endpoint-resolver';

/** What the cli hands the builders of one run: the world outside the template. */
export interface BuilderRuntime {
  /** Maps VM addresses to where their SSH servers really listen (local-cloud); absent: connect directly. */
  readonly resolveSshEndpoint?: SshEndpointResolver;
  /** Where builds write their resource journal; absent: in memory only. */
  readonly journalDir?: string;
  /** Waiter overrides from `OSC_POLL_*` (oapi-client's `waiterOptionsFromEnv`). */
  readonly waiter?: Readonly<Partial<WaiterOptions>>;
  /** The home directory for `~/.osc/config.json` and `~` in key paths (the environment's HOME). */
  readonly homedir?: string;
  /** The run's debug log (PACKER_LOG), for the API client's per-call lines. */
  readonly log?: Logger;
}
