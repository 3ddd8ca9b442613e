import type { OapiClientOptions, WaiterOptions } from '@osc-packer/oapi-client';
import type { AccessWorld } from '@osc-packer/osc-auth';
import type { SshEndpointResolver } from '@osc-packer/osc-steps';

/** Options of {@link createBsuBuilder}; every one has a production default. */
export interface BsuBuilderOptions {
  /**
   * Maps the address chosen for SSH (`<ip>:22`) to where the VM's SSH server really listens: the cli's
   * `--local-cloud` mode passes local-cloud's `sshEndpoint`. Default: connect where the VM says.
   */
  resolveSshEndpoint?: SshEndpointResolver;
  /**
   * Directory of the resource journal (one file per build). The cli passes
   * `$XDG_STATE_HOME/osc-packer/journal` (else `~/.local/state/osc-packer/journal`). Without it the journal is
   * kept in memory only and a killed build's resources are found by their build tag alone.
   */
  journalDir?: string;
  /** Client settings (retry policy, rate limit, timeouts, logger, dispatcher, user agent...). */
  clientOptions?: Partial<Omit<OapiClientOptions, 'endpoint' | 'region' | 'credentials'>>;
  /**
   * Polling of the waiters (delays, deadlines). Default: oapi-client's defaults overridden by `OSC_POLL_*` of
   * the environment the cli passes in `PrepareEnv.env` (`waiterOptionsFromEnv`); these options win over both.
   */
  waiterOptions?: Partial<WaiterOptions>;
  /** How long calls refused for eventual consistency are retried (tags, deletes, links). Default 2 minutes. */
  consistencyTimeoutMs?: number;
  /**
   * How credentials are resolved besides the template and `PrepareEnv.env` (home directory, file reads, the
   * metadata service's URL). osc-auth's defaults otherwise.
   */
  accessWorld?: Omit<AccessWorld, 'env' | 'signal'>;
}
