const marker = Symbol.for('osc-packer.cli.NotBuiltYetError');

/** A command that is declared (so `--help` shows the whole tool) but whose implementation has not landed. */
export class NotBuiltYetError extends Error {
  readonly [marker] = true;

  constructor(command: string, issue: number) {
    super(`'osc-packer ${command}' is not built yet (tracked in issue #${issue}).`);
    this.name = 'NotBuiltYetError';
  }

  static isInstance(value: unknown): value is NotBuiltYetError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
