const marker = Symbol.for('osc-packer.cli.UsageError');

/** A flag or argument the command cannot use; the message names it and says what it takes. Exit code 1. */
export class UsageError extends Error {
  readonly [marker] = true;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }

  static isInstance(value: unknown): value is UsageError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
