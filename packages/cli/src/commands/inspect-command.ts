import type { CommandModule } from 'yargs';
import type { CommandContext } from '../command-context';

/** `osc-packer inspect TEMPLATE`: shows a template's variables, builds, provisioners and post-processors. */
export function inspectCommand(context: CommandContext): CommandModule {
  return {
    command: 'inspect <template>',
    describe: 'See the components of a template',
    builder: (yargs) =>
      yargs
        .positional('template', { type: 'string', describe: 'path to a Packer JSON template', demandOption: true })
        .option('machine-readable', { type: 'boolean', default: false, describe: 'Machine-readable output' })
        .example('$0 inspect template.json', 'List variables, builders, provisioners and post-processors'),
    handler: async (argv) => {
      const { runInspect } = await import('../run-inspect');
      context.exitCode = await runInspect(String(argv.template), argv['machine-readable'] === true, context);
    },
  };
}
