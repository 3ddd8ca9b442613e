import { type Logger, noopLogger } from '../ui/logger';
import type { Ui } from '../ui/ui';
import { askAfterFailure } from './ask-after-failure';
import { checkStepContracts } from './check-step-contracts';
import { runCleanups } from './cleanup-phase';
import { ForcedExit } from './forced-exit';
import type { OnError } from './on-error';
import { raceSignal } from './race-signal';
import type { AbandonedCleanups, RunOutcome } from './run-outcome';
import type { Step, StepContext } from './step';
import { StepContractError } from './step-contract-error';
import { StepError } from './step-error';

/** Options of a {@link StepRunner}. */
export interface StepRunnerOptions {
  ui: Ui;
  log?: Logger;
  /** Cancellation (the first Ctrl-C): the running step is told to stop, then everything is cleaned up. */
  signal?: AbortSignal;
  /** Forced exit (the second Ctrl-C): stop waiting for cleanups, report what is left, return. */
  forceSignal?: AbortSignal;
  /** `-on-error`; default `cleanup`. */
  onError?: OnError;
  /** `-debug`: pause after each step and before each cleanup. */
  debug?: boolean;
  /** Time allowed to each cleanup unless the step says otherwise; default 15 minutes. */
  cleanupTimeoutMs?: number;
  /** Awaited before the run returns when cleanups were skipped: persist them (the resource journal). */
  onAbandoned?: (abandoned: AbandonedCleanups) => void | Promise<void>;
}

type StepResult =
  | { kind: 'ok' }
  | { kind: 'cancelled' }
  | { kind: 'halted'; error: StepError; policy: 'cleanup' | 'abort' | 'run-cleanup-provisioner' };

/**
 * Runs steps in order against a typed state (Packer's multistep lifecycle): each cleanup is registered as
 * soon as its step's run returns or throws, and the registered cleanups run in reverse order whatever
 * happens, each bounded in time, one failure never stopping the others. `-on-error` and `-debug` are
 * policies of the runner, not of the steps.
 */
export class StepRunner<S extends object> {
  readonly #steps: readonly Step<S>[];
  readonly #options: StepRunnerOptions;
  readonly #registered: Step<S>[] = [];
  #running: string | undefined;

  constructor(steps: readonly Step<S>[], options: StepRunnerOptions) {
    this.#steps = steps;
    this.#options = options;
  }

  /** Steps whose cleanup is still due (and the step running now), in the order they would be cleaned. */
  pending(): readonly string[] {
    const due = this.#registered.map((step) => step.name).reverse();
    return this.#running ? [this.#running, ...due] : due;
  }

  /** Runs every step, then the cleanups. Rejects with {@link StepContractError} before running anything when the steps' requires/provides do not line up. */
  async run(state: S): Promise<RunOutcome> {
    const problems = checkStepContracts(this.#steps, state);
    if (problems.length > 0) throw new StepContractError(problems);
    let result: StepResult = { kind: 'ok' };
    try {
      for (const step of this.#steps) {
        result = this.#signal.aborted ? { kind: 'cancelled' } : await this.#runStep(step, state);
        if (result.kind !== 'ok') break;
        await this.#pause(`Pausing after run of step '${step.name}'. Press enter to continue.`);
      }
    } catch (error) {
      if (!ForcedExit.isInstance(error)) throw error;
      return this.#abandonAll(result);
    }
    if (result.kind === 'ok' && this.#signal.aborted) result = { kind: 'cancelled' };
    return this.#finish(state, result);
  }

  get #signal(): AbortSignal {
    return this.#options.signal ?? neverAborted;
  }

  async #runStep(step: Step<S>, state: S): Promise<StepResult> {
    const { ui, onError = 'cleanup' } = this.#options;
    const context: StepContext = { signal: this.#signal, ui, log: this.#log, debug: this.#options.debug ?? false };
    let registered = false;
    for (;;) {
      let failure: unknown;
      let failed = false;
      this.#running = step.name;
      try {
        await raceSignal(step.run(context, state), this.#options.forceSignal, () => new ForcedExit());
        failure = missingProvides(step, state);
        failed = failure !== undefined;
      } catch (error) {
        if (ForcedExit.isInstance(error)) throw error;
        failure = error;
        failed = true;
      } finally {
        this.#running = undefined;
        if (!registered && step.cleanup) this.#registered.push(step);
        registered = true;
      }
      if (!failed) return { kind: 'ok' };
      if (this.#signal.aborted) return { kind: 'cancelled' };
      const error = StepError.isInstance(failure) ? failure : new StepError(step.name, 'run', failure);
      ui.error(error.message);
      this.#log.error(`step '${step.name}' failed: ${error.message}`);
      if (onError !== 'ask') return { kind: 'halted', error, policy: onError };
      const choice = await askAfterFailure(ui, step.name, this.#signal);
      if (choice === 'retry' && !this.#signal.aborted) continue;
      return { kind: 'halted', error, policy: choice === 'abort' ? 'abort' : 'cleanup' };
    }
  }

  async #finish(state: S, result: StepResult): Promise<RunOutcome> {
    const policy = result.kind === 'halted' ? result.policy : 'cleanup';
    const { failures, abandoned } = await runCleanups({
      steps: [...this.#registered].reverse(),
      state,
      reason: result.kind === 'ok' ? 'completed' : result.kind,
      policy,
      failedStep: result.kind === 'halted' ? result.error.step : undefined,
      options: this.#options,
      log: this.#log,
      pause: (message) => this.#pause(message),
      done: (step) => this.#registered.splice(this.#registered.indexOf(step), 1),
    });
    if (abandoned) await this.#options.onAbandoned?.(abandoned);
    if (result.kind === 'ok') return { status: 'completed', cleanupFailures: failures };
    if (result.kind === 'cancelled') return { status: 'cancelled', cleanupFailures: failures, abandoned };
    return { status: 'halted', error: result.error, cleanupFailures: failures, abandoned };
  }

  async #abandonAll(result: StepResult): Promise<RunOutcome> {
    const abandoned: AbandonedCleanups = { steps: this.pending(), reason: 'forced' };
    if (abandoned.steps.length > 0) {
      this.#options.ui.error(`Forced exit: not cleaning up after ${abandoned.steps.map(quote).join(', ')}`);
      await this.#options.onAbandoned?.(abandoned);
    }
    if (result.kind === 'halted') return { status: 'halted', error: result.error, cleanupFailures: [], abandoned };
    return { status: 'cancelled', cleanupFailures: [], abandoned };
  }

  /** A `-debug` pause; skipped once cancelled, and a missing terminal just lets the build go on. */
  async #pause(message: string): Promise<void> {
    if (!this.#options.debug || this.#signal.aborted) return;
    try {
      const answer = this.#options.ui.ask(message, this.#signal);
      await raceSignal(answer, this.#options.forceSignal, () => new ForcedExit());
    } catch (error) {
      if (ForcedExit.isInstance(error)) throw error;
      this.#log.debug(`debug pause: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  get #log(): Logger {
    return this.#options.log ?? noopLogger;
  }
}

/** Runs `steps` against `state` with a fresh {@link StepRunner}. */
export function runSteps<S extends object>(
  steps: readonly Step<S>[],
  state: S,
  options: StepRunnerOptions,
): Promise<RunOutcome> {
  return new StepRunner(steps, options).run(state);
}

const neverAborted = new AbortController().signal;

function missingProvides<S extends object>(step: Step<S>, state: S): Error | undefined {
  const missing = (step.provides ?? []).filter((key) => state[key] === undefined);
  if (missing.length === 0) return undefined;
  return new Error(`step '${step.name}' finished without setting ${missing.map(quote).join(', ')} in the build state`);
}

function quote(name: string): string {
  return `'${name}'`;
}
