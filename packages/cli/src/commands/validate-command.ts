import type { CommandModule } from 'yargs';
import { NotBuiltYetError } from '../not-built-yet-error';

/** `osc-packer validate TEMPLATE`: checks a template without building. */
export const validateCommand: CommandModule = {
  command: 'validate <template>',
  describe: 'Check that a template is valid',
  builder: (yargs) => yargs.positional('template', { type: 'string', describe: 'path to a Packer JSON template' }),
  handler: () => {
    throw new NotBuiltYetError('validate', 6);
  },
};
