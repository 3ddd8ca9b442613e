import { runPostProcessors } from '../post-processors/run-post-processors';
import { ForcedExit } from '../steps/forced-exit';
import { raceSignal } from '../steps/race-signal';
import { noopLogger } from '../ui/logger';
import type { SecretRegistry } from '../ui/secret-registry';
import type { Artifact } from './artifact';
import { BuildCancelledError } from './build-cancelled-error';
import { createBuildContext } from './create-build-context';
import { formatHumanDuration } from './human-duration';
import { MultiError } from './multi-error';
import type { PreparedBuild } from './prepared-build';
import type { RunBuildsOptions } from './run-options';

/** How one build ended. */
export interface BuildResult {
  readonly name: string;
  /** What the build left (after post-processors), in Packer's order. */
  readonly artifacts: readonly Artifact[];
  readonly error: Error | undefined;
  readonly durationMs: number;
}

/** The parts of the run every build shares. */
export interface SharedRun {
  readonly options: RunBuildsOptions;
  readonly runUuid: string;
  readonly secrets: SecretRegistry;
  readonly signal: AbortSignal;
  readonly forceSignal: AbortSignal;
  readonly now: () => Date;
}

/** Runs one build: the builder (with its provisioners), then its post-processors; prints how it ended. */
export async function runOneBuild(build: PreparedBuild, index: number, shared: SharedRun): Promise<BuildResult> {
  const { options, signal, now } = shared;
  const ui = options.ui.withTarget(build.name, index);
  const log = options.log ?? noopLogger;
  const context = createBuildContext({
    buildName: build.name,
    builderType: build.builderType,
    ui,
    log,
    signal,
    forceSignal: shared.forceSignal,
    debug: options.debug,
    force: options.force,
    onError: options.onError,
    runUuid: shared.runUuid,
    secrets: shared.secrets,
    cleanupTimeoutMs: options.cleanupTimeoutMs,
    onAbandoned: options.onAbandoned && ((abandoned) => options.onAbandoned?.(build.name, abandoned)),
    provisioning: build.provisioning,
  });
  const started = now().getTime();
  let artifacts: Artifact[] = [];
  let error: Error | undefined;
  try {
    const artifact = await raceSignal(build.run(context), shared.forceSignal, () => new ForcedExit());
    if (artifact && signal.aborted) log.info(`Build '${build.name}' was cancelled. Skipping post-processors.`);
    else if (artifact) {
      const outcome = await runPostProcessors(artifact, build.postProcessors, ui, {
        log,
        signal,
        buildName: build.name,
        builderType: build.builderType,
        runUuid: shared.runUuid,
        env: options.env ?? {},
        cwd: options.cwd ?? '.',
        now,
      });
      artifacts = outcome.artifacts;
      if (outcome.errors.length > 0) error = new MultiError(outcome.errors);
    }
  } catch (thrown) {
    error = ForcedExit.isInstance(thrown) ? new BuildCancelledError() : asError(thrown);
  }
  const durationMs = now().getTime() - started;
  if (error) ui.error(`Build '${build.name}' errored after ${formatHumanDuration(durationMs)}: ${error.message}`);
  else ui.say(`Build '${build.name}' finished after ${formatHumanDuration(durationMs)}.`);
  return { name: build.name, artifacts, error, durationMs };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
