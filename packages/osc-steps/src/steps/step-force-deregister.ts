import type { Step } from '@osc-packer/builder-core';
import { deleteImageAndSnapshots } from '../resources/delete-image';
import { withSignal } from '../resources/resource-env';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { settleAll } from './settle-all';

/**
 * With `force_deregister` (`-force`), deletes this account's OMIs named `omi_name` (and with
 * `force_delete_snapshot` their snapshots) before the new one is made, concurrently. Only the credentials'
 * own account is searched: the Go plugin searched every visible OMI and halted on other accounts' public ones.
 */
export function stepForceDeregister(
  env: OscStepEnv,
  config: { omi_name: string; force_deregister: boolean; force_delete_snapshot: boolean },
): Step<OscBuildState> {
  return {
    name: 'force deregister',
    async run({ signal, ui }) {
      if (!config.force_deregister) return;
      const accountId = await env.accountId(signal);
      const Filters = { ImageNames: [config.omi_name], AccountIds: [accountId] };
      const images = (await env.client.readAll('ReadImages', { Filters }, withSignal(signal))).filter(
        (image) => image.ImageName === config.omi_name && image.AccountId === accountId,
      );
      await settleAll(
        images.map(async (image) => {
          const id = image.ImageId ?? '';
          if (config.force_delete_snapshot) {
            const snapshots = await deleteImageAndSnapshots(env, id, { signal });
            ui.say(`Deregistered OMI id: ${id}`);
            for (const snapshot of snapshots) ui.say(`Deleted snapshot: ${snapshot}`);
          } else {
            await env.client.call('DeleteImage', { ImageId: id }, withSignal(signal));
            ui.say(`Deregistered OMI id: ${id}`);
          }
        }),
      );
    },
  };
}
