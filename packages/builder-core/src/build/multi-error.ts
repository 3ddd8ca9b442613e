const marker = Symbol.for('osc-packer.builder-core.MultiError');

/** Several errors of one build (post-processor failures), listed as Packer lists them. */
export class MultiError extends Error {
  readonly [marker] = true;
  readonly errors: readonly Error[];

  constructor(errors: readonly Error[]) {
    super(`${errors.length} error(s) occurred:\n\n${errors.map((e) => `* ${e.message}`).join('\n')}`);
    this.name = 'MultiError';
    this.errors = errors;
  }

  /** True for any MultiError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is MultiError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
