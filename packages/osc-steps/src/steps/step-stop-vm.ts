import type { Step } from '@osc-packer/builder-core';
import { waitForVmState } from '@osc-packer/oapi-client';
import { waitOptions } from '../resources/resource-env';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';

/**
 * Stops the source VM before its OMI is made (Packer's StopBSUBackedVm) and waits until it is stopped,
 * with the named, bounded waiter. With `disable_stop_vm` nothing is sent: a provisioner is expected to shut
 * the VM down, and the wait is the same (bounded, where the Go plugin waited forever). The communicator is
 * closed first: the VM is going away.
 */
export function stepStopVm(env: OscStepEnv, config: { disable_stop_vm: boolean }): Step<OscBuildState> {
  return {
    name: 'stop VM',
    requires: ['vm'],
    async run({ signal, ui }, state) {
      const vmId = state.vm?.VmId;
      if (!vmId) throw new Error('stop VM: no source VM');
      await state.communicator?.close();
      if (config.disable_stop_vm) {
        ui.say('Automatic vm stop disabled. Please stop vm manually.');
      } else {
        ui.say('Stopping the source vm...');
        await env.client.call('StopVms', { VmIds: [vmId] }, { signal });
      }
      ui.say('Waiting for the vm to stop...');
      state.vm = await waitForVmState(env.client, vmId, 'stopped', waitOptions(env, signal)).catch((error: unknown) => {
        if (signal.aborted) throw error;
        throw new OutscaleBuildError('invalid-state', `error waiting for vm (${vmId}) to stop`, { cause: error });
      });
    },
  };
}
