import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectEnvVars, flattenEnvVars, packerEnvVars } from '../env-vars';
import { invalidExitCodeMessage } from '../exit-codes';
import { inlineScript } from '../inline-script';
import type { ProvisionerRun } from '../provisioner-plugin';
import { renderLate } from '../render-late';
import { resolveScript, scriptsOf } from '../script-sources';
import { runLocalCommand } from './run-local-command';
import type { ShellLocalConfig } from './shell-local-config';

/** What running `shell-local` needs, as a provisioner or a post-processor: a provisioner's run but `debug`. */
export type ShellLocalRun = Omit<ProvisionerRun, 'debug'>;

const goos: Readonly<Record<string, string>> = { sunos: 'solaris', win32: 'windows' };

/**
 * Runs `shell-local` on this machine (Packer's shell-local Run): skips when `only_on` excludes this OS,
 * turns `inline`/`command` into a temporary script, and runs each script with `execute_command`,
 * streaming its output through the Ui and checking its exit code.
 */
export async function runShellLocal(run: ShellLocalRun, config: ShellLocalConfig): Promise<void> {
  const os = goos[process.platform] ?? process.platform;
  if ((config.only_on?.length ?? 0) > 0 && !config.only_on?.includes(os)) {
    run.ui.say('Skipping shell-local due to runtime OS');
    return;
  }
  const inline = config.command ? [config.command] : (config.inline ?? []);
  const temp = inline.length > 0 ? await mkdtemp(join(tmpdir(), 'packer-shell-')) : undefined;
  try {
    const scripts = temp ? [await writeInlineScript(temp, config, inline)] : scriptsOf(config);
    const vars = collectEnvVars(
      packerEnvVars(run.buildName, run.builderType, run.generatedData),
      config.environment_vars ?? [],
      config.env ?? {},
    );
    const flattened = flattenEnvVars(vars, config.env_var_format ?? "%s='%s' ");
    for (const script of scripts) {
      const absolute = resolveScript(run.cwd, script);
      const data = { ...run.generatedData, Vars: flattened, Script: absolute, Command: absolute };
      const argv = (config.execute_command ?? ['/bin/sh', '-c', '{{.Vars}} {{.Script}}']).map((part) =>
        renderLate(part, run, data),
      );
      run.ui.say(`Running local shell script: ${script}`);
      const code = await runLocalCommand(argv, run);
      const message = invalidExitCodeMessage(code, config.valid_exit_codes);
      if (message) throw new Error(message);
    }
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

async function writeInlineScript(dir: string, config: ShellLocalConfig, commands: readonly string[]): Promise<string> {
  const extension = config.tempfile_extension?.replace(/^\./, '');
  const path = join(dir, extension ? `script.${extension}` : 'script');
  await writeFile(path, inlineScript(config.inline_shebang, commands));
  await chmod(path, 0o700);
  return path;
}
