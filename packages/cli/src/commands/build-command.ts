import type { CommandModule } from 'yargs';
import { NotBuiltYetError } from '../not-built-yet-error';

/** `osc-packer build TEMPLATE`: runs the builds of a template. */
export const buildCommand: CommandModule = {
  command: 'build <template>',
  describe: 'Build images from a template',
  builder: (yargs) => yargs.positional('template', { type: 'string', describe: 'path to a Packer JSON template' }),
  handler: () => {
    throw new NotBuiltYetError('build', 7);
  },
};
