const marker = Symbol.for('osc-packer.builder-core.BuildCancelledError');

/** The build stopped because it was cancelled (Ctrl-C); its cleanups have run (or were abandoned on a forced exit). */
export class BuildCancelledError extends Error {
  readonly [marker] = true;

  constructor(message = 'Build was cancelled.') {
    super(message);
    this.name = 'BuildCancelledError';
  }

  /** True for any BuildCancelledError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is BuildCancelledError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
