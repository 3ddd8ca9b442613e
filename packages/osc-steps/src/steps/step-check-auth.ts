import type { Step } from '@osc-packer/builder-core';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';

/**
 * Checks the credentials before anything is created (Packer's StepCheckAuth): a `ReadVms` dry run. A
 * refusal halts with the reference's message followed by the API's error (code, request id, and for an
 * authentication failure what to check, clock skew included).
 */
export function stepCheckAuth(env: OscStepEnv): Step<OscBuildState> {
  return {
    name: 'check auth',
    async run({ signal, ui }) {
      ui.say('Checking OUTSCALE API credentials...');
      try {
        await env.client.call('ReadVms', { DryRun: true }, { signal });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new OutscaleBuildError(
          'authentication',
          'OUTSCALE API authentication failed; verify your credentials and region configuration',
          { cause: error },
        );
      }
    },
  };
}
