import { formatGoDuration } from '../build/go-duration';
import type { Logger } from '../ui/logger';
import { ForcedExit } from './forced-exit';
import type { OnError } from './on-error';
import { raceSignal } from './race-signal';
import type { AbandonedCleanups } from './run-outcome';
import type { CleanupContext, CleanupReason, Step } from './step';
import { StepError } from './step-error';
import type { StepRunnerOptions } from './step-runner';

/** Everything the cleanup phase needs from the runner. */
export interface CleanupPhase<S extends object> {
  /** Steps with a cleanup, in the order to clean them (reverse of their runs). */
  steps: readonly Step<S>[];
  state: S;
  reason: CleanupReason;
  policy: Exclude<OnError, 'ask'>;
  failedStep: string | undefined;
  options: StepRunnerOptions;
  log: Logger;
  pause: (message: string) => Promise<void>;
  /** Called once a step's cleanup is over (done, failed or timed out), so it is no longer pending. */
  done: (step: Step<S>) => void;
}

const defaultCleanupTimeoutMs = 15 * 60_000;

/**
 * Runs the cleanups in order. Each is bounded in time and its failure is recorded, never stopping the
 * others. `-on-error=abort` skips them all and `run-cleanup-provisioner` all but the provisioning step's;
 * a forced exit stops the phase. Returns the failures and what was left behind.
 */
export async function runCleanups<S extends object>(
  phase: CleanupPhase<S>,
): Promise<{ failures: StepError[]; abandoned: AbandonedCleanups | undefined }> {
  const { ui } = phase.options;
  const failures: StepError[] = [];
  const skipped: string[] = [];
  for (const [index, step] of phase.steps.entries()) {
    if (skips(phase, step)) {
      if (skipped.length === 0) ui.error(`Step "${phase.failedStep}" failed, aborting...`);
      ui.error(`aborted: skipping cleanup of step "${step.name}"`);
      skipped.push(step.name);
      continue;
    }
    try {
      await phase.pause(`Pausing before cleanup of step '${step.name}'. Press enter to continue.`);
      if (phase.reason === 'cancelled') ui.say(`Cleaning up after cancellation: ${step.name}`);
      await cleanOne(phase, step);
    } catch (error) {
      if (!ForcedExit.isInstance(error)) {
        const failure = new StepError(step.name, 'cleanup', error);
        failures.push(failure);
        ui.error(failure.message);
        phase.log.error(failure.message);
      } else {
        const left = [...skipped, ...phase.steps.slice(index).map((s) => s.name)];
        ui.error(`Forced exit: not cleaning up after ${left.map((name) => `'${name}'`).join(', ')}`);
        return { failures, abandoned: { steps: left, reason: 'forced' } };
      }
    }
    phase.done(step);
  }
  return { failures, abandoned: skipped.length > 0 ? { steps: skipped, reason: 'abort' } : undefined };
}

function skips<S extends object>(phase: CleanupPhase<S>, step: Step<S>): boolean {
  if (phase.reason !== 'halted') return false;
  if (phase.policy === 'abort') return true;
  return phase.policy === 'run-cleanup-provisioner' && !step.runsProvisioners;
}

async function cleanOne<S extends object>(phase: CleanupPhase<S>, step: Step<S>): Promise<void> {
  const cleanup = step.cleanup?.bind(step);
  if (!cleanup) return;
  const limitMs = step.cleanupTimeoutMs ?? phase.options.cleanupTimeoutMs ?? defaultCleanupTimeoutMs;
  const controller = new AbortController();
  const force = phase.options.forceSignal;
  const onForce = () => controller.abort(new ForcedExit());
  force?.addEventListener('abort', onForce, { once: true });
  if (force?.aborted) onForce();
  const timer = setTimeout(
    () => controller.abort(new Error(`did not finish within ${formatGoDuration(limitMs)}; gave up waiting`)),
    limitMs,
  );
  const context: CleanupContext = {
    signal: controller.signal,
    ui: phase.options.ui,
    log: phase.log,
    reason: phase.reason,
  };
  try {
    const work = Promise.resolve().then(() => cleanup(context, phase.state));
    await raceSignal(work, controller.signal, () => controller.signal.reason);
  } finally {
    clearTimeout(timer);
    force?.removeEventListener('abort', onForce);
  }
}
