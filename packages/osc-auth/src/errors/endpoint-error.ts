const marker = Symbol.for('osc-packer.osc-auth.EndpointError');

/** The API endpoint cannot be worked out: an unknown region without a custom endpoint, or a malformed URL. */
export class EndpointError extends Error {
  readonly [marker] = true;
  /** The region or endpoint value that was refused. */
  readonly value: string;

  constructor(message: string, value: string) {
    super(message);
    this.name = 'EndpointError';
    this.value = value;
  }

  /** True for any EndpointError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is EndpointError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
