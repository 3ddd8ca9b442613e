import type { CommandModule } from 'yargs';
import { NotBuiltYetError } from '../not-built-yet-error';

/** `osc-packer inspect TEMPLATE`: shows a template's variables, builds, provisioners and post-processors. */
export const inspectCommand: CommandModule = {
  command: 'inspect <template>',
  describe: 'See the components of a template',
  builder: (yargs) => yargs.positional('template', { type: 'string', describe: 'path to a Packer JSON template' }),
  handler: () => {
    throw new NotBuiltYetError('inspect', 6);
  },
};
