const marker = Symbol.for('osc-packer.builder-core.StepError');

/** Where in a step an error happened. */
export type StepPhase = 'run' | 'cleanup';

/**
 * A step failed: the runner wraps whatever a step throws in a StepError naming the step. The message of a
 * `run` failure is the step's own (it already says what failed); a `cleanup` failure names the step.
 */
export class StepError extends Error {
  readonly [marker] = true;
  /** The failing step's name. */
  readonly step: string;
  readonly phase: StepPhase;

  constructor(step: string, phase: StepPhase, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(phase === 'run' ? reason : `Cleanup of step '${step}' failed: ${reason}`, { cause });
    this.name = 'StepError';
    this.step = step;
    this.phase = phase;
  }

  /** True for any StepError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is StepError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
