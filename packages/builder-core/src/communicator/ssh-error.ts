const marker = Symbol.for('osc-packer.builder-core.SshError');

/**
 * What went wrong, for callers that react differently: `connect` (no TCP connection or proxy/bastion
 * failure), `handshake` (the SSH handshake failed or timed out), `authentication` (the server refused every
 * credential), `timeout` (`ssh_timeout` elapsed), `disconnected` (the connection dropped), `remote` (the
 * remote side reported an error, e.g. scp or SFTP), `protocol` (the remote side broke the protocol),
 * `local` (a local file could not be read or written), `config` (the options cannot work), `closed` (the
 * communicator was closed).
 */
export type SshErrorReason =
  | 'connect'
  | 'handshake'
  | 'authentication'
  | 'timeout'
  | 'disconnected'
  | 'remote'
  | 'protocol'
  | 'local'
  | 'config'
  | 'closed';

export interface SshErrorFields {
  reason: SshErrorReason;
  /** `host:port` the error is about, when there is one. */
  address?: string;
  cause?: unknown;
}

/** A failure of the SSH communicator, with a message that says what to check. Never carries secrets. */
export class SshError extends Error {
  readonly [marker] = true;
  readonly reason: SshErrorReason;
  readonly address: string | undefined;

  constructor(message: string, fields: SshErrorFields) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'SshError';
    this.reason = fields.reason;
    this.address = fields.address;
  }

  /** True when trying again later may work (the machine may still be booting or rebooting). */
  get retryable(): boolean {
    return this.reason === 'connect' || this.reason === 'handshake' || this.reason === 'disconnected';
  }

  /** True for any SshError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is SshError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
