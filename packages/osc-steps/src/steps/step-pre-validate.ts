import type { Step } from '@osc-packer/builder-core';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';

/** What the pre-validation checks. */
export interface PreValidateConfig {
  omi_name: string;
  force_deregister: boolean;
}

/**
 * Fails before anything is created when this account already has an OMI named `omi_name` (Packer's
 * StepPreValidate). Skipped with `force_deregister` (`-force`), which replaces that OMI instead. Only the
 * credentials' own account is searched: other accounts' public OMIs with the same name do not conflict.
 */
export function stepPreValidate(env: OscStepEnv, config: PreValidateConfig): Step<OscBuildState> {
  return {
    name: 'pre-validate',
    async run({ signal, ui }) {
      if (config.force_deregister) {
        ui.say('Force deregister flag found, skipping prevalidating OMI name');
        return;
      }
      ui.say(`Prevalidating OMI name: ${config.omi_name}`);
      const accountId = await env.accountId(signal);
      const images = await env.client.readAll(
        'ReadImages',
        { Filters: { ImageNames: [config.omi_name], AccountIds: [accountId] } },
        { signal },
      );
      const taken = images.filter((image) => image.ImageName === config.omi_name);
      if (taken.length === 0) return;
      const ids = taken.map((image) => image.ImageId).join(', ');
      throw new OutscaleBuildError(
        'name-conflict',
        `error: name conflicts with an existing OMI: ${config.omi_name} (${ids} in account ${accountId}); ` +
          'choose another omi_name (e.g. with {{timestamp}}), or set force_deregister (or run with -force) to replace it',
      );
    },
  };
}
