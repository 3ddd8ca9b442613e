import type { StepError } from './step-error';

/** Cleanups that did not run (their resources may still exist), and why. */
export interface AbandonedCleanups {
  /** Step names, in the order their cleanups would have run. */
  readonly steps: readonly string[];
  /** `abort`: the `-on-error` policy skipped them; `forced`: the user forced exit (second Ctrl-C). */
  readonly reason: 'abort' | 'forced';
}

/**
 * How a run of steps ended. Every outcome lists the cleanups that failed (each reported, none stopping the
 * others) and, when some cleanups were skipped, what was left behind.
 */
export type RunOutcome =
  | { readonly status: 'completed'; readonly cleanupFailures: readonly StepError[] }
  | {
      readonly status: 'halted';
      readonly error: StepError;
      readonly cleanupFailures: readonly StepError[];
      readonly abandoned?: AbandonedCleanups;
    }
  | {
      readonly status: 'cancelled';
      readonly cleanupFailures: readonly StepError[];
      readonly abandoned?: AbandonedCleanups;
    };
