import { randomUUID } from 'node:crypto';
import type { OnError } from '../steps/on-error';
import type { AbandonedCleanups } from '../steps/run-outcome';
import { runSteps } from '../steps/step-runner';
import { type Logger, noopLogger } from '../ui/logger';
import { SecretRegistry } from '../ui/secret-registry';
import type { Ui } from '../ui/ui';
import { BuildCancelledError } from './build-cancelled-error';
import type { BuildContext } from './build-context';
import { type BuildProvisioning, noProvisioning } from './build-provisioning';

/** Options of {@link createBuildContext}; everything but the names and the Ui has a default. */
export interface BuildContextOptions {
  buildName: string;
  builderType: string;
  ui: Ui;
  log?: Logger;
  signal?: AbortSignal;
  forceSignal?: AbortSignal;
  debug?: boolean;
  force?: boolean;
  onError?: OnError;
  runUuid?: string;
  secrets?: SecretRegistry;
  /** Time allowed to each step cleanup. */
  cleanupTimeoutMs?: number;
  /** Receives the cleanups a run of steps left behind (abort policy, forced exit): persist them. */
  onAbandoned?: (abandoned: AbandonedCleanups) => void | Promise<void>;
  provisioning?: BuildProvisioning;
}

/** Builds the context a builder runs in. `runBuilds` makes one per build; builder tests make their own. */
export function createBuildContext(options: BuildContextOptions): BuildContext {
  const signal = options.signal ?? new AbortController().signal;
  const forceSignal = options.forceSignal ?? new AbortController().signal;
  const log = options.log ?? noopLogger;
  const debug = options.debug ?? false;
  const provisioning = options.provisioning ?? noProvisioning;
  const run = { ui: options.ui, log, signal, debug };
  return {
    buildName: options.buildName,
    builderType: options.builderType,
    ui: options.ui,
    log,
    signal,
    forceSignal,
    debug,
    force: options.force ?? false,
    onError: options.onError ?? 'cleanup',
    runUuid: options.runUuid ?? randomUUID(),
    secrets: options.secrets ?? new SecretRegistry(),
    hasProvisioners: provisioning.count > 0,
    async runSteps(steps, state) {
      const outcome = await runSteps(steps, state, {
        ui: options.ui,
        log,
        signal,
        forceSignal,
        debug,
        onError: options.onError,
        cleanupTimeoutMs: options.cleanupTimeoutMs,
        onAbandoned: options.onAbandoned,
      });
      if (outcome.status === 'halted') throw outcome.error;
      if (outcome.status === 'cancelled') throw new BuildCancelledError();
    },
    provision: (communicator, generatedData) => provisioning.provision(run, communicator, generatedData),
    // Bounded by the cleanup's own signal (its timeout, a forced exit), which the build's signal is not.
    provisionErrorCleanup: (communicator, generatedData, cleanupSignal) =>
      provisioning.errorCleanup({ ...run, signal: cleanupSignal ?? signal }, communicator, generatedData),
  };
}
