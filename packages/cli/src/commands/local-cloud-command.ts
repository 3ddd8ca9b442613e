import type { CommandModule } from 'yargs';
import { NotBuiltYetError } from '../not-built-yet-error';

/** `osc-packer local-cloud start`: runs an Outscale-compatible cloud on loopback. */
export const localCloudCommand: CommandModule = {
  command: 'local-cloud <action>',
  describe: 'Run an Outscale-compatible cloud on loopback (VMs you can SSH into)',
  builder: (yargs) => yargs.positional('action', { choices: ['start'] as const, describe: 'what to do' }),
  handler: () => {
    throw new NotBuiltYetError('local-cloud', 5);
  },
};
