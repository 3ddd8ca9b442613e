import { z } from 'zod';
import { composeConfig, configBlock } from '../../config/config-block';
import { weakBoolean } from '../../config/weak-boolean';
import { weakString } from '../../config/weak-string';
import { weakStringList } from '../../config/weak-string-list';
import { envVarIssues } from '../env-vars';
import { missingScripts, scriptsOf } from '../script-sources';
import { shellCommonFields } from '../shell/shell-config';

/** The operating systems `only_on` accepts (Go's names). */
const shellLocalSystems = ['darwin', 'freebsd', 'linux', 'openbsd', 'solaris', 'windows'] as const;

/** The keys of `shell-local`, provisioner and post-processor alike (Packer's). */
const shellLocalBlock = configBlock(
  'shell-local',
  z.strictObject({
    ...shellCommonFields,
    command: weakString().optional().describe('One command to run (kept for compatibility; prefer `inline`).'),
    execute_command: weakStringList()
      .optional()
      .describe(
        'The program and arguments that run each script; `{{.Script}}` and `{{.Vars}}` available. Default `["/bin/sh", "-c", "{{.Vars}} {{.Script}}"]`.',
      ),
    only_on: weakStringList()
      .optional()
      .describe(`Run only on these operating systems: ${shellLocalSystems.join(', ')}.`),
    tempfile_extension: weakString().optional().describe('Extension of the script made from `inline`.'),
    use_linux_pathing: weakBoolean()
      .default(false)
      .describe('Windows Subsystem for Linux path conversion (has no effect on Linux and macOS).'),
  }),
  { deferred: ['execute_command'] },
);

/** `shell-local`'s decoded configuration spec. */
export const shellLocalConfigSpec = composeConfig('shell-local', shellLocalBlock);

/** A decoded `shell-local` configuration. */
export type ShellLocalConfig = z.output<typeof shellLocalBlock.schema>;

const tooMany =
  'You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config.';

/** Packer's cross-field rules of `shell-local`, reported with key paths. */
export function checkShellLocal(
  config: ShellLocalConfig,
  cwd: string,
  report: (path: string, message: string) => void,
) {
  const inline = (config.inline?.length ?? 0) > 0;
  const scripts = scriptsOf(config);
  const given = [
    config.command !== undefined && config.command !== '',
    inline,
    config.script !== undefined,
    (config.scripts?.length ?? 0) > 0,
  ];
  if (!given.some(Boolean)) report('', 'Command, Inline, Script and Scripts options cannot all be empty.');
  if (given.filter(Boolean).length > 1) report('', tooMany);
  for (const message of missingScripts(cwd, scripts)) report(config.script ? 'script' : 'scripts', message);
  for (const os of config.only_on ?? []) {
    if (!(shellLocalSystems as readonly string[]).includes(os)) {
      report(
        'only_on',
        `Invalid OS specified in only_on: '${os}'. Supported OS names: ${shellLocalSystems.join(', ')}`,
      );
    }
  }
  for (const message of envVarIssues(config.environment_vars ?? [])) report('environment_vars', message);
}
