import type { Step } from '@osc-packer/builder-core';
import { buildTag } from '../journal/build-tag';
import { deletePublicIp } from '../resources/delete-public-ip';
import { refusedByApi } from './eventual-errors';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { tagResources } from './tag-resources';

/**
 * Allocates a temporary public IP when `associate_public_ip_address` is set (Packer's StepPublicIp); it is
 * linked to the VM once that runs (`stepLinkPublicIp`). Journaled and tagged with the build; cleanup
 * unlinks it if still linked and releases it.
 */
export function stepPublicIp(env: OscStepEnv, config: { associate_public_ip_address: boolean }): Step<OscBuildState> {
  let createdId: string | undefined;
  return {
    name: 'public IP',
    provides: ['publicIp'],
    async run({ signal, ui }, state) {
      state.publicIp = null;
      if (!config.associate_public_ip_address) return;
      ui.say('Creating temporary PublicIp for instance');
      const entry = await env.journal.intend('public-ip');
      // Not aborted once sent: its id must reach the journal (cancellation is checked right after).
      const { PublicIp } = await env.client.call('CreatePublicIp', {}).catch(async (error: unknown) => {
        // Refused (e.g. the account's quota is reached): nothing was allocated, so nothing is left to find.
        if (refusedByApi(error)) await env.journal.deleted(entry);
        throw error;
      });
      const id = PublicIp?.PublicIpId;
      if (!PublicIp || !id) throw new Error('CreatePublicIp returned no public IP');
      createdId = id;
      await env.journal.created(entry, id);
      signal.throwIfAborted();
      state.publicIp = PublicIp;
      ui.message(`Created temporary public IP ${PublicIp.PublicIp} (${id})`);
      await tagResources(env, [id], [buildTag(env.buildId)], signal);
    },
    async cleanup({ signal, ui }) {
      if (!createdId) return;
      const id = createdId;
      ui.say('Deleting temporary PublicIp...');
      try {
        await deletePublicIp(env, id, signal);
      } catch (error) {
        throw new Error(`Error cleaning up PublicIp. Please delete the PublicIp manually: ${id}`, { cause: error });
      }
      await env.journal.deleted(id);
    },
  };
}
