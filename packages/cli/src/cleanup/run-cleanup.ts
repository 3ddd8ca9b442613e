import { SecretRegistry } from '@osc-packer/builder-core';
import type { OapiClient } from '@osc-packer/oapi-client';
import { cleanupLeftovers } from '@osc-packer/osc-steps';
import { createBuildUi } from '../build/build-ui';
import { createDebugLog } from '../build/debug-log';
import { goSignalName, watchInterrupts } from '../build/interrupts';
import { journalDir } from '../build/journal-dir';
import { waiterSettings } from '../build/waiter-settings';
import type { CommandContext } from '../command-context';
import { formatDiagnostics } from '../diagnostics';
import { failureDiagnostic } from '../run-validate';
import { UsageError } from '../usage-error';
import { cleanupAccesses } from './cleanup-access';
import type { CleanupArguments } from './cleanup-arguments';
import { openCleanupClients } from './cleanup-clients';
import { summarizeCleanup } from './cleanup-summary';
import { templateAccess } from './template-access';

const noSignals = { on: () => {}, off: () => {} };

/**
 * `osc-packer cleanup [--dry-run] [TEMPLATE]`: finds what killed builds left (their journals first, then
 * their build tags) with every credential it can resolve, shows it, and unless `--dry-run` deletes it.
 * Returns 0 when nothing is left that it could have deleted, 1 when a deletion failed, a resource could not
 * be checked, a build could not be examined for want of credentials, or no credentials were found at all.
 */
export async function runCleanup(args: CleanupArguments, context: CommandContext): Promise<number> {
  const { io } = context;
  const secrets = new SecretRegistry();
  const debugLog = createDebugLog(io, secrets);
  const ui = createBuildUi(
    io,
    { machineReadable: args.machineReadable, color: false, timestampUi: false },
    secrets,
    debugLog.logger,
  );
  const interrupts = watchInterrupts(io.signals ?? noSignals, {
    cancel: (name) => ui.error(`Stopping the cleanup after receiving ${goSignalName(name)}`),
    force: () => io.exit?.(1),
    abandon: () => io.exit?.(1),
  });
  const clients: OapiClient[] = [];
  try {
    const dir = journalDir(io.env, io.cwd);
    const waiter = waiterSettings(io.env);
    const fromTemplate = args.template
      ? await templateAccess({ ...args, template: args.template }, io, context.now(), secrets)
      : [];
    const accesses = await cleanupAccesses(fromTemplate, dir, { env: io.env, signal: interrupts.signal });
    if (accesses.length === 0) {
      ui.error(
        'Error: no credentials found: set OSC_ACCESS_KEY and OSC_SECRET_KEY (and OSC_REGION), name a profile with OSC_PROFILE, or give the template the builds used',
      );
      return 1;
    }
    ui.say(`==> Looking for what interrupted builds left, from the journal in ${dir} and the build tags`);
    clients.push(...openCleanupClients(accesses, ui, secrets, debugLog.logger));
    const report = await cleanupLeftovers({
      journalDir: dir,
      clients,
      dryRun: args.dryRun,
      buildIds: args.buildIds,
      includeRunning: args.includeRunning,
      ui,
      waiter,
      signal: interrupts.signal,
    });
    const code = summarizeCleanup(report, args.dryRun, ui);
    return interrupts.signal.aborted ? 1 : code;
  } catch (error) {
    ui.error(errorText(error, args.template ?? ''));
    return 1;
  } finally {
    interrupts.dispose();
    await Promise.all(clients.map((client) => client.close()));
  }
}

function errorText(error: unknown, template: string): string {
  if (UsageError.isInstance(error))
    return error.message.startsWith('Error') ? error.message : `Error: ${error.message}`;
  try {
    return formatDiagnostics([failureDiagnostic(error, template)]);
  } catch {
    return `Error: ${error instanceof Error ? error.message : String(error)}`;
  }
}
