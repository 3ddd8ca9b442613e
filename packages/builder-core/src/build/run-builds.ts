import { randomUUID } from 'node:crypto';
import { SecretRegistry } from '../ui/secret-registry';
import { printBuildSummary } from './build-summary';
import { formatHumanDuration } from './human-duration';
import type { PreparedBuild } from './prepared-build';
import { type BuildResult, runOneBuild, type SharedRun } from './run-one-build';
import type { RunBuildsOptions } from './run-options';

/** How a run of builds ended: Packer's exit code, each started build's result, and whether it was cancelled. */
export interface RunBuildsResult {
  /** 0 when every build succeeded; 1 when one failed or the run was cancelled (as Packer). */
  readonly exitCode: 0 | 1;
  readonly builds: readonly BuildResult[];
  readonly cancelled: boolean;
}

/**
 * Runs the selected builds (Packer's `build` command): in parallel up to `parallelBuilds` (one at a time
 * under `-debug`), each with its own prefixed, coloured Ui, then prints the summary. Cancellation stops
 * starting builds and lets the running ones clean up; a forced exit returns as soon as they reported
 * what they leave behind.
 */
export async function runBuilds(builds: readonly PreparedBuild[], options: RunBuildsOptions): Promise<RunBuildsResult> {
  const { ui } = options;
  const shared: SharedRun = {
    options,
    runUuid: options.runUuid ?? randomUUID(),
    secrets: options.secrets ?? new SecretRegistry(),
    signal: options.signal ?? new AbortController().signal,
    forceSignal: options.forceSignal ?? new AbortController().signal,
    now: options.now ?? (() => new Date()),
  };
  if (options.debug) ui.say('Debug mode enabled. Builds will not be parallelized.');
  const requested = options.parallelBuilds ?? 0;
  const limit = options.debug ? 1 : requested < 1 ? builds.length : requested;
  const started = shared.now().getTime();
  const results: (BuildResult | undefined)[] = [];
  let next = 0;
  const worker = async () => {
    while (next < builds.length && !shared.signal.aborted) {
      const index = next++;
      const build = builds[index];
      if (build) results[index] = await runOneBuild(build, index, shared);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, builds.length)) }, worker));
  const finished = results.filter((result): result is BuildResult => result !== undefined);
  ui.say(`\n==> Wait completed after ${formatHumanDuration(shared.now().getTime() - started)}`);
  if (shared.signal.aborted) {
    // After a forced exit the cleanups were cut short: "cleanly" would contradict the leftovers reported next.
    ui.say(
      shared.forceSignal.aborted
        ? 'Cancelled builds after being interrupted, without waiting for their cleanups.'
        : 'Cleanly cancelled builds after being interrupted.',
    );
    return { exitCode: 1, builds: finished, cancelled: true };
  }
  printBuildSummary(ui, finished);
  return { exitCode: finished.some((result) => result.error) ? 1 : 0, builds: finished, cancelled: false };
}
