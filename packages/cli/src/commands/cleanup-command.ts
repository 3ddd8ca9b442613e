import type { CommandModule } from 'yargs';
import type { CommandContext } from '../command-context';
import { withTemplateOptions } from '../template-options';

/** `osc-packer cleanup [--dry-run] [TEMPLATE]`: deletes what killed builds left behind. */
export function cleanupCommand(context: CommandContext): CommandModule {
  return {
    command: 'cleanup [template]',
    describe: 'Delete cloud resources left behind by interrupted builds',
    builder: (yargs) =>
      withTemplateOptions(yargs)
        .positional('template', {
          type: 'string',
          describe: 'the template of the builds (its access settings say where to look)',
        })
        .option('dry-run', { type: 'boolean', describe: 'Show what would be deleted; delete nothing' })
        .option('build-id', {
          type: 'string',
          describe: 'Also sweep resources tagged osc-packer:build-id=<id> (repeatable)',
        })
        .option('include-running', {
          type: 'boolean',
          describe: 'Also clean up builds whose process still seems to run',
        })
        .option('machine-readable', { type: 'boolean', describe: 'Produce machine-readable output' })
        .example('$0 cleanup --dry-run', 'List what interrupted builds left, with the OSC_* credentials')
        .example('$0 cleanup template.json', 'Delete it, with the credentials the template’s builds use'),
    handler: async (argv) => {
      const [{ readCleanupArguments }, { runCleanup }] = await Promise.all([
        import('../cleanup/cleanup-arguments'),
        import('../cleanup/run-cleanup'),
      ]);
      context.exitCode = await runCleanup(readCleanupArguments(argv), context);
    },
  };
}
