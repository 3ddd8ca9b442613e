const marker = Symbol.for('osc-packer.builder-core.UiInputError');

/** `Ui.ask` could not get an answer: no interactive terminal, or its input closed. */
export class UiInputError extends Error {
  readonly [marker] = true;

  constructor(message: string) {
    super(message);
    this.name = 'UiInputError';
  }

  /** True for any UiInputError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is UiInputError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
