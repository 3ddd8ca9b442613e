import type { CommandModule } from 'yargs';
import type { CliIo } from '../cli-io';
import { cliVersion } from '../cli-version';

/** `osc-packer version`: prints the version, as `packer version` does. */
export function versionCommand(io: CliIo): CommandModule {
  return {
    command: 'version',
    describe: 'Print the osc-packer version',
    handler: () => {
      io.stdout.write(`osc-packer v${cliVersion}\n`);
    },
  };
}
