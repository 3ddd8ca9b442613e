import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { formatGoDuration } from '../../build/go-duration';
import type { Communicator } from '../../communicator/communicator';
import { abortableDelay } from '../abortable-delay';
import { decodePluginConfig } from '../decode-plugin-config';
import { collectEnvVars, envVarIssues, flattenEnvVars, packerEnvVars } from '../env-vars';
import { inlineScript, toUnixLineEndings } from '../inline-script';
import type { ProvisionerPlugin, ProvisionerRun } from '../provisioner-plugin';
import { renderLate } from '../render-late';
import { missingScripts, resolveScript, scriptsOf } from '../script-sources';
import { checkShellStatus } from './check-shell-status';
import { type ShellConfig, shellConfigSpec } from './shell-config';
import { removeRemoteFile, uploadAndRun, uploadWithRetry } from './shell-remote';

const defaultExecute = 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}';
const defaultExecuteWithFile = 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}';

/** Packer's `shell` provisioner: uploads scripts (or `inline` commands) and runs them on the machine. */
export const shellProvisioner: ProvisionerPlugin<ShellConfig> = {
  type: 'shell',
  prepare: (raw, env) =>
    decodePluginConfig(shellConfigSpec, raw, env, (config, report) => {
      const scripts = scriptsOf(config);
      const inline = (config.inline?.length ?? 0) > 0;
      if (config.script && (config.scripts?.length ?? 0) > 0) {
        report('scripts', 'Only one of script or scripts can be specified.');
      }
      if (!inline && scripts.length === 0) report('', 'Either a script file or inline script must be specified.');
      if (inline && scripts.length > 0) {
        report('inline', 'Only a script file or an inline script can be specified, not both.');
      }
      for (const message of missingScripts(env.cwd, scripts)) report(config.script ? 'script' : 'scripts', message);
      for (const message of envVarIssues(config.environment_vars ?? [])) report('environment_vars', message);
    }),
  provision: provisionShell,
};

async function provisionShell(run: ProvisionerRun, config: ShellConfig, communicator: Communicator): Promise<void> {
  const scripts = await loadScripts(run, config);
  const vars = collectEnvVars(
    packerEnvVars(run.buildName, run.builderType, run.generatedData),
    config.environment_vars ?? [],
    config.env ?? {},
  );
  const format = config.env_var_format ?? (config.use_env_var_file ? "export %s='%s'\n" : "%s='%s' ");
  const flattened = flattenEnvVars(vars, format);
  const folder = config.remote_folder;
  const remotePath = config.remote_path ?? `${folder}/${config.remote_file ?? `script_${randomInt(9999)}.sh`}`;
  let envVarFile = '';
  if (config.use_env_var_file) {
    envVarFile = `${folder}/varfile_${randomInt(9999)}.sh`;
    await uploadWithRetry(run, config, communicator, envVarFile, Buffer.from(flattened), 0o600);
  }
  for (const script of scripts) {
    run.ui.say(`Provisioning with shell script: ${script.label}`);
    const command = renderLate(
      config.execute_command ?? (config.use_env_var_file ? defaultExecuteWithFile : defaultExecute),
      run,
      { Path: remotePath, Vars: flattened, EnvVarFile: envVarFile },
    );
    const content = config.binary ? script.content : toUnixLineEndings(script.content);
    const status = await uploadAndRun(run, config, communicator, { remotePath, content, command });
    checkShellStatus(status, config);
    if (!config.skip_clean) await removeRemoteFile(run, config, communicator, remotePath);
  }
  if (envVarFile && !config.skip_clean) await removeRemoteFile(run, config, communicator, envVarFile);
  if (config.pause_after > 0) {
    run.ui.say(`Pausing ${formatGoDuration(config.pause_after)} after this provisioner...`);
    await abortableDelay(config.pause_after, run.signal);
  }
}

async function loadScripts(
  run: ProvisionerRun,
  config: ShellConfig,
): Promise<{ label: string; content: Uint8Array }[]> {
  if ((config.inline?.length ?? 0) > 0) {
    return [
      { label: 'inline commands', content: Buffer.from(inlineScript(config.inline_shebang, config.inline ?? [])) },
    ];
  }
  return Promise.all(
    scriptsOf(config).map(async (path) => {
      try {
        return { label: path, content: await readFile(resolveScript(run.cwd, path)) };
      } catch (error) {
        throw new Error(`Error opening shell script: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }),
  );
}
