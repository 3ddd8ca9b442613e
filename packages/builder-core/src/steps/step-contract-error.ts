const marker = Symbol.for('osc-packer.builder-core.StepContractError');

/**
 * A step list is inconsistent: a step requires state no earlier step provides, or two steps share a name.
 * Thrown before any step runs; lists every problem.
 */
export class StepContractError extends Error {
  readonly [marker] = true;
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The build's steps are inconsistent:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StepContractError';
    this.problems = problems;
  }

  /** True for any StepContractError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is StepContractError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
