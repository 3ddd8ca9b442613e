import type { Step } from '@osc-packer/builder-core';
import { consistencyWait, withSignal } from '../resources/resource-env';
import { notVisibleYet } from './eventual-errors';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { retryEventually } from './retry-eventually';

/**
 * Links the temporary public IP to the running VM (retrying while either is not visible yet), then reads
 * the VM again so its addresses are current. Does nothing without a temporary public IP. The IP's own
 * cleanup unlinks it.
 */
export function stepLinkPublicIp(env: OscStepEnv): Step<OscBuildState> {
  return {
    name: 'link public IP',
    requires: ['publicIp', 'vm'],
    async run({ signal, ui }, state) {
      const publicIp = state.publicIp;
      const vmId = state.vm?.VmId;
      if (!publicIp?.PublicIpId || !vmId) return;
      const publicIpId = publicIp.PublicIpId;
      ui.message(`Linking public IP ${publicIp.PublicIp} to ${vmId}`);
      const { LinkPublicIpId } = await retryEventually(
        `linking public IP ${publicIp.PublicIp} to ${vmId}`,
        (s) => env.client.call('LinkPublicIp', { PublicIpId: publicIpId, VmId: vmId }, withSignal(s)),
        { retryOn: notVisibleYet, wait: consistencyWait(env, signal) },
      );
      state.publicIp = { ...publicIp, VmId: vmId, ...(LinkPublicIpId ? { LinkPublicIpId } : {}) };
      const vms = await env.client.readAll('ReadVms', { Filters: { VmIds: [vmId] } }, { signal });
      const vm = vms.find((candidate) => candidate.VmId === vmId);
      if (vm) state.vm = vm;
    },
  };
}
