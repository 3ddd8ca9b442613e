const marker = Symbol.for('osc-packer.osc-auth.CredentialsConfigError');

/**
 * "Configured but broken": a source was clearly meant to be used and cannot be (a named profile that does
 * not exist, a config file that is not JSON, one key of a pair, an unreadable certificate). `chain` stops
 * on it. The message says what is wrong and where (file, variable or template key) and never contains
 * a secret.
 */
export class CredentialsConfigError extends Error {
  readonly [marker] = true;
  /** Where the problem is: a file path, a variable name or a template key. */
  readonly where: string;

  constructor(message: string, where: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CredentialsConfigError';
    this.where = where;
  }

  /** True for any CredentialsConfigError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is CredentialsConfigError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
