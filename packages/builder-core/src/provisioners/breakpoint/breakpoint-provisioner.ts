import { z } from 'zod';
import { composeConfig, configBlock } from '../../config/config-block';
import { weakBoolean } from '../../config/weak-boolean';
import { weakString } from '../../config/weak-string';
import { decodePluginConfig } from '../decode-plugin-config';
import type { ProvisionerPlugin } from '../provisioner-plugin';

const breakpointBlock = configBlock(
  'breakpoint provisioner',
  z.strictObject({
    disable: weakBoolean().default(false).describe('Skip this breakpoint.'),
    note: weakString().optional().describe('Shown when pausing, to say which breakpoint this is.'),
  }),
);

const breakpointSpec = composeConfig('breakpoint provisioner', breakpointBlock);

/** A decoded `breakpoint` configuration. */
export type BreakpointConfig = z.output<typeof breakpointBlock.schema>;

/** Packer's `breakpoint` provisioner: pauses the build until the user presses enter. */
export const breakpointProvisioner: ProvisionerPlugin<BreakpointConfig> = {
  type: 'breakpoint',
  prepare: (raw, env) => decodePluginConfig(breakpointSpec, raw, env),
  async provision(run, config) {
    const note = config.note ? ` with note "${config.note}"` : '';
    if (config.disable) {
      run.ui.say(`Breakpoint provisioner${note} disabled; continuing...`);
      return;
    }
    run.ui.say(`Pausing at breakpoint provisioner${note}.`);
    try {
      await run.ui.ask('Press enter to continue.', run.signal);
    } catch (error) {
      if (run.signal.aborted) throw error;
      throw new Error(`Error asking for input: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  },
};
