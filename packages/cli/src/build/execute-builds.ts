import { runBuilds, type Template } from '@osc-packer/builder-core';
import { formatDiagnostics } from '../diagnostics';
import { failureDiagnostic } from '../run-validate';
import type { BuildRun } from './build-run';
import type { BuildTarget } from './build-target';
import { planBuilds } from './plan-builds';
import type { ComponentsFactory } from './run-build';

/**
 * Prepares the builds against their target, prints what preparing said (errors on stderr, as Packer's
 * writeDiags), runs the builds that prepared, and says what a forced exit or `-on-error=abort` left behind.
 * Returns the exit code: 1 when preparing failed for a build or any build failed or was cancelled.
 */
export async function executeBuilds(
  run: BuildRun,
  target: BuildTarget,
  template: Template,
  makeComponents: ComponentsFactory,
): Promise<number> {
  const { args, io, ui } = run;
  const buildIo = { ...io, env: target.env };
  let plan: Awaited<ReturnType<typeof planBuilds>>;
  try {
    const components = makeComponents(target.runtime);
    plan = await planBuilds(template, args, buildIo, run.now(), components, run.secrets, (preparation) =>
      target.checkAccess(components.builders.accessOf(preparation.build.builder.type, preparation.config)),
    );
  } catch (error) {
    ui.error(formatDiagnostics([failureDiagnostic(error, args.template)]));
    return 1;
  }
  const failedToPrepare = plan.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  if (plan.diagnostics.length > 0) {
    const text = formatDiagnostics(plan.diagnostics);
    if (failedToPrepare) ui.error(text);
    else ui.say(text);
  }
  const result = await runBuilds(plan.builds, {
    ui,
    parallelBuilds: args.parallelBuilds,
    signal: run.interrupts.signal,
    forceSignal: run.interrupts.forceSignal,
    debug: args.debug,
    force: args.force,
    onError: args.onError,
    secrets: run.secrets,
    log: run.log,
    env: target.env,
    cwd: io.cwd,
    now: run.now,
    onAbandoned: (build, abandoned) => {
      run.abandoned.push({ build, abandoned });
    },
  });
  reportLeftovers(run, target);
  return failedToPrepare ? 1 : result.exitCode;
}

function reportLeftovers(run: BuildRun, target: BuildTarget): void {
  if (run.abandoned.length === 0) return;
  const lines = run.abandoned.map(
    ({ build, abandoned }) =>
      `    ${build}: ${abandoned.reason === 'forced' ? 'forced exit' : '-on-error=abort'} skipped the cleanup of ${abandoned.steps.map((step) => `'${step}'`).join(', ')}`,
  );
  run.ui.error(['\n==> Some builds left temporary resources behind:', ...lines, target.leftovers].join('\n'));
}
