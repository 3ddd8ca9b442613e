const marker = Symbol.for('osc-packer.osc-auth.CredentialsNotFoundError');

/**
 * "Not configured here": a credential source had nothing to offer (no variables set, no file, no such
 * default profile). `chain` moves on to the next provider when it sees this error, and throws one that
 * lists everything it tried when every provider said so.
 */
export class CredentialsNotFoundError extends Error {
  readonly [marker] = true;
  /** One line per source that was looked at, in order (only on the error `chain` throws at the end). */
  readonly tried: readonly string[];

  constructor(message: string, tried: readonly string[] = []) {
    super(message);
    this.name = 'CredentialsNotFoundError';
    this.tried = tried;
  }

  /** True for any CredentialsNotFoundError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is CredentialsNotFoundError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
