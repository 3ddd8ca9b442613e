const marker = Symbol.for('osc-packer.builder-core.ForcedExit');

/** The user forced exit (second Ctrl-C) while a step or a cleanup was running; what was left is recorded. */
export class ForcedExit extends Error {
  readonly [marker] = true;

  constructor() {
    super('Forced exit: stopped without finishing the cleanups.');
    this.name = 'ForcedExit';
  }

  /** True for any ForcedExit, even one built by another copy of this package. */
  static isInstance(value: unknown): value is ForcedExit {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
