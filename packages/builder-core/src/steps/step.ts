import type { Logger } from '../ui/logger';
import type { Ui } from '../ui/ui';

/** What a step's `run` receives besides the state. */
export interface StepContext {
  /** Aborted on cancellation (the first Ctrl-C): stop what you are doing and throw. */
  readonly signal: AbortSignal;
  readonly ui: Ui;
  readonly log: Logger;
  /** `-debug`: steps may print extra detail (e.g. save the temporary private key). */
  readonly debug: boolean;
}

/** Why the cleanups run. */
export type CleanupReason = 'completed' | 'halted' | 'cancelled';

/** What a step's `cleanup` receives besides the state. */
export interface CleanupContext {
  /**
   * Aborted when this cleanup ran out of time or when the user forces exit (the second Ctrl-C): give up
   * promptly. Not aborted by the first Ctrl-C, which is what starts the cleanups.
   */
  readonly signal: AbortSignal;
  readonly ui: Ui;
  readonly log: Logger;
  readonly reason: CleanupReason;
}

/**
 * One step of a build (Packer's multistep.Step). `run` throws to halt the build; `cleanup` is registered as
 * soon as `run` returns or throws, runs in reverse order after the last step (on success, failure and
 * cancellation), must be idempotent and tolerate a partial run. `S` is the build's typed state: keys a step
 * `requires` must be provided by an earlier step (or the initial state), which the runner checks before
 * anything runs; keys it `provides` must be set (not `undefined`; `null` means "none") when `run` returns.
 */
export interface Step<S extends object> {
  /** Shown in the UI, debug pauses, errors, and the list of what is left to clean. */
  readonly name: string;
  readonly requires?: readonly (keyof S & string)[];
  readonly provides?: readonly (keyof S & string)[];
  /**
   * The step running the provisioners: under `-on-error=run-cleanup-provisioner` its cleanup (which runs the
   * error-cleanup-provisioner) still runs while every other cleanup is skipped.
   */
  readonly runsProvisioners?: boolean;
  /** Time allowed for this step's cleanup; default the runner's `cleanupTimeoutMs`. */
  readonly cleanupTimeoutMs?: number;
  run(context: StepContext, state: S): Promise<void>;
  cleanup?(context: CleanupContext, state: S): Promise<void>;
}
