import { loadTemplate, SecretRegistry } from '@osc-packer/builder-core';
import type { CommandContext } from './command-context';
import { createCommandOutput } from './command-output';
import { formatDiagnostics } from './diagnostics';
import { inspectTemplate } from './inspect-template';
import { failureDiagnostic } from './run-validate';

/**
 * `osc-packer inspect`: parses the template (it does not validate the builders' configuration, as Packer's
 * inspect) and prints its components. Returns 0, or 1 when the template does not parse.
 */
export async function runInspect(path: string, machineReadable: boolean, context: CommandContext): Promise<number> {
  const out = createCommandOutput(context.io, { machineReadable, now: context.now, secrets: new SecretRegistry() });
  try {
    inspectTemplate(await loadTemplate(path, { cwd: context.io.cwd }), out);
    return 0;
  } catch (error) {
    out.error(formatDiagnostics([failureDiagnostic(error, path)]));
    return 1;
  }
}
