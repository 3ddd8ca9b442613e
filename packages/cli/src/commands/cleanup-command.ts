import type { CommandModule } from 'yargs';
import { NotBuiltYetError } from '../not-built-yet-error';

/** `osc-packer cleanup`: deletes what a killed build left behind. */
export const cleanupCommand: CommandModule = {
  command: 'cleanup',
  describe: 'Delete cloud resources left behind by interrupted builds',
  handler: () => {
    throw new NotBuiltYetError('cleanup', 7);
  },
};
