import type { CommandModule } from 'yargs';
import type { CommandContext } from '../command-context';
import { readTemplateOptions, withTemplateOptions } from '../template-options';

/** `osc-packer validate [options] TEMPLATE`: checks a template without building, as `packer validate`. */
export function validateCommand(context: CommandContext): CommandModule {
  return {
    command: 'validate <template>',
    describe: 'Check that a template is valid',
    builder: (yargs) =>
      withTemplateOptions(yargs)
        .positional('template', { type: 'string', describe: 'path to a Packer JSON template', demandOption: true })
        .option('syntax-only', {
          type: 'boolean',
          default: false,
          describe: 'Only check syntax; do not prepare builds',
        })
        .option('machine-readable', { type: 'boolean', default: false, describe: 'Machine-readable output' })
        .example('$0 validate template.json', 'Check everything, as a build would')
        .example("$0 validate -var 'region=eu-west-2' -only='osc-*' template.json", 'Check some builds with a variable')
        .example('$0 validate -syntax-only template.json', 'Only check that the template parses'),
    handler: async (argv) => {
      const { runValidate } = await import('../run-validate');
      context.exitCode = await runValidate(
        {
          ...readTemplateOptions(argv),
          template: String(argv.template),
          syntaxOnly: argv['syntax-only'] === true,
          machineReadable: argv['machine-readable'] === true,
        },
        context,
      );
    },
  };
}
