import { loadTemplate, SecretRegistry, type Template } from '@osc-packer/builder-core';
import type { BuilderRuntime } from '../builder-runtime';
import type { CommandContext } from '../command-context';
import { formatDiagnostics } from '../diagnostics';
import { type Components, defaultComponents } from '../prepare-builds';
import { failureDiagnostic } from '../run-validate';
import { UsageError } from '../usage-error';
import type { BuildArguments } from './build-arguments';
import type { BuildRun } from './build-run';
import { type BuildTarget, resolveBuildTarget } from './build-target';
import { createBuildUi } from './build-ui';
import { createDebugLog } from './debug-log';
import { executeBuilds } from './execute-builds';
import { goSignalName, type InterruptName, watchInterrupts } from './interrupts';

/** Makes the components of a run from its world (tests inject builders of their own). */
export type ComponentsFactory = (runtime: BuilderRuntime) => Components;

const noSignals = { on: () => {}, off: () => {} };

/**
 * `osc-packer build`: Packer's build command. Parses the template, points the builds at their cloud
 * (`--local-cloud`: an embedded one), prepares every selected build (reporting problems as Packer does and
 * running the builds that prepared), runs them with Ctrl-C handling, and returns Packer's exit code:
 * 0 when every build succeeded, 1 otherwise.
 */
export async function runBuild(
  args: BuildArguments,
  context: CommandContext,
  makeComponents: ComponentsFactory = defaultComponents,
): Promise<number> {
  const { io } = context;
  const secrets = new SecretRegistry();
  const debugLog = createDebugLog(io, secrets);
  const ui = createBuildUi(io, args, secrets, debugLog.logger);
  let template: Template;
  try {
    template = await loadTemplate(args.template, { cwd: io.cwd });
  } catch (error) {
    ui.error(formatDiagnostics([failureDiagnostic(error, args.template)]));
    return 1;
  }
  const interrupts = watchInterrupts(io.signals ?? noSignals, {
    cancel: (name) => ui.error(cancelMessage(name)),
    force: (name) =>
      ui.error(`Forced exit after a second ${goSignalName(name)}: not waiting for the remaining cleanups.`),
    abandon: () => {
      ui.error("Leaving now, without waiting for anything. Run 'osc-packer cleanup' to delete what is left.");
      io.exit?.(1);
    },
  });
  const run: BuildRun = {
    args,
    io,
    now: context.now,
    ui,
    secrets,
    log: debugLog.logger,
    logDestination: debugLog.destination,
    interrupts,
    abandoned: [],
  };
  let target: BuildTarget | undefined;
  try {
    target = await resolveBuildTarget(run);
    return await executeBuilds(run, target, template, makeComponents);
  } catch (error) {
    if (!UsageError.isInstance(error)) throw error;
    ui.error(`Error: ${error.message}`);
    return 1;
  } finally {
    interrupts.dispose();
    await target?.close();
  }
}

function cancelMessage(name: InterruptName): string {
  return (
    `Cancelling build after receiving ${goSignalName(name)}\n` +
    '(cleaning up what the builds created; a second Ctrl-C stops waiting for the cleanups)'
  );
}
