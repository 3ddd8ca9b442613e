import { z } from 'zod';
import { composeConfig, configBlock } from '../../config/config-block';
import { goDuration } from '../../config/go-duration';
import { stringMap } from '../../config/string-map';
import { weakBoolean } from '../../config/weak-boolean';
import { weakInteger } from '../../config/weak-number';
import { weakString } from '../../config/weak-string';
import { weakStringList } from '../../config/weak-string-list';

/** Keys shared by `shell` and `shell-local`: what to run and its environment. */
export const shellCommonFields = {
  inline: weakStringList().optional().describe('Commands to run, one per line of a generated script.'),
  script: weakString().optional().describe('Path of a local script to run (relative to the working directory).'),
  scripts: weakStringList().optional().describe('Paths of local scripts to run in order.'),
  environment_vars: weakStringList()
    .optional()
    .describe('`KEY=value` pairs set for the scripts (after `PACKER_BUILD_NAME` and `PACKER_BUILDER_TYPE`).'),
  env: stringMap().optional().describe('Variables set for the scripts, as a map; wins over `environment_vars`.'),
  env_var_format: weakString()
    .optional()
    .describe(
      "How each variable is written into `{{.Vars}}`; default `%s='%s' ` (`export %s='%s'\\n` in an env var file).",
    ),
  inline_shebang: weakString().default('/bin/sh -e').describe('First line of the script made from `inline`.'),
  valid_exit_codes: z.array(weakInteger()).default([0]).describe('Exit codes that count as success; default `[0]`.'),
};

/** The `shell` provisioner's own keys (Packer's, all accepted). */
const shellBlock = configBlock(
  'shell provisioner',
  z.strictObject({
    ...shellCommonFields,
    execute_command: weakString()
      .optional()
      .describe(
        'How to run each script; `{{.Path}}`, `{{.Vars}}`, `{{.EnvVarFile}}` available. Default `chmod +x {{.Path}}; {{.Vars}} {{.Path}}`.',
      ),
    remote_folder: weakString().default('/tmp').describe('Remote directory scripts are uploaded to.'),
    remote_file: weakString().optional().describe('Remote file name of the script; default `script_<random>.sh`.'),
    remote_path: weakString()
      .optional()
      .describe('Full remote path of the script; default `remote_folder/remote_file`.'),
    skip_clean: weakBoolean().default(false).describe('Leave the uploaded script on the machine.'),
    expect_disconnect: weakBoolean()
      .default(false)
      .describe('A dropped connection (e.g. a reboot) ends the script successfully instead of failing.'),
    start_retry_timeout: goDuration({ min: 0 })
      .default(300_000)
      .describe('How long to keep retrying to upload and start a script (rides out reboots); default `5m`.'),
    pause_after: goDuration({ min: 0 }).default(0).describe('Wait this long after the last script.'),
    use_env_var_file: weakBoolean()
      .default(false)
      .describe('Write the variables to a file sourced by the script instead of the command line.'),
    binary: weakBoolean().default(false).describe('Upload scripts as they are (no CRLF to LF conversion).'),
  }),
  { deferred: ['execute_command'] },
);

/** The `shell` provisioner's decoded configuration. */
export const shellConfigSpec = composeConfig('shell provisioner', shellBlock);

/** A decoded `shell` configuration. */
export type ShellConfig = z.output<typeof shellBlock.schema>;
