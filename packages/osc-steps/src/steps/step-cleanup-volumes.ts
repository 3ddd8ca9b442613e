import type { Step } from '@osc-packer/builder-core';
import { deleteVolume } from '../resources/delete-volume';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { settleAll } from './settle-all';

/**
 * Deletes the source VM's volumes once the VM is gone (Packer's StepCleanupVolumes, placed before the VM
 * step so its cleanup runs after the VM's). Every launch volume is deleted, whatever its
 * `delete_on_vm_deletion`: that flag is recorded in the new OMI for the VMs launched from it, while the
 * build's own volumes are temporary (their data is in the OMI's snapshots), so no build leaves a volume
 * behind. Volumes the API already deleted with the VM count as deleted.
 */
export function stepCleanupVolumes(env: OscStepEnv): Step<OscBuildState> {
  return {
    name: 'cleanup volumes',
    async run() {},
    async cleanup({ signal, ui }, state) {
      const ids = state.launchVolumeIds ?? [];
      if (ids.length === 0) return;
      ui.say('Cleaning up any extra volumes...');
      await settleAll(
        ids.map(async (id) => {
          await deleteVolume(env, id, signal);
          await env.journal.deleted(id);
        }),
      );
    },
  };
}
