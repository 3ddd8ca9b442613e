import type { CommandModule } from 'yargs';
import type { CliIo } from '../cli-io';
import { cliVersion } from '../cli-version';

/**
 * `osc-packer version [-machine-readable]`: prints the version, as `packer version` does; machine-readable, the
 * `version`, `version-prerelease` and `version-commit` records scripts parse, then the human line.
 */
export function versionCommand(io: CliIo): CommandModule {
  return {
    command: 'version',
    describe: 'Print the osc-packer version',
    builder: (yargs) =>
      yargs.option('machine-readable', { type: 'boolean', default: false, describe: 'Machine-readable output' }),
    handler: async (argv) => {
      const human = `osc-packer v${cliVersion}`;
      if (argv['machine-readable'] !== true) {
        io.stdout.write(`${human}\n`);
        return;
      }
      // Loaded only here: the startup import graph stays free of the other packages.
      const { machineReadableLine } = await import('@osc-packer/builder-core');
      const now = new Date();
      const [release = cliVersion, prerelease = ''] = cliVersion.split(/-(.*)/s);
      for (const [type, data] of [
        ['version', [release]],
        ['version-prerelease', [prerelease]],
        ['version-commit', ['']],
        ['ui', ['say', human]],
      ] as const) {
        io.stdout.write(machineReadableLine(now, '', type, data));
      }
    },
  };
}
