import { type PacketReader, sftpStatusNames, sftpType } from './sftp-protocol';

const marker = Symbol.for('osc-packer.builder-core.SftpStatusError');

/**
 * A status the server answered with instead of success; `code` is the SFTP status code, and the message
 * is the server's text followed by the code's name (`Failure (SSH_FX_FAILURE)`).
 */
export class SftpStatusError extends Error {
  readonly [marker] = true;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SftpStatusError';
  }

  /** The error for a reply of `type` whose status `code` was read from `body` (its message follows). */
  static fromReply(type: number, body: PacketReader, code: number): SftpStatusError {
    const message = type === sftpType.status && body.more() ? body.string() : '';
    const name = sftpStatusNames[code] ?? `status ${code}`;
    return new SftpStatusError(code, message === '' ? name : `${message} (${name})`);
  }

  /** True for any SftpStatusError (the `cause` of an SshError from SFTP), even from another copy of this package. */
  static isInstance(value: unknown): value is SftpStatusError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
