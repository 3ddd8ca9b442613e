import type { PlainAnswer } from '../api/http-server';
import type { Cloud } from '../engine/cloud';
import { metadataAnswer } from './metadata-answers';

/**
 * Answers the VM metadata service (`GET /latest/meta-data/...`, `/latest/user-data`) for one designated
 * VM: the "host VM" osc-packer runs on, as the chroot builder expects from an Outscale VM.
 */
export function metadataRoute(cloud: Cloud, hostVmId: () => string | undefined) {
  return async (method: string, url: URL): Promise<PlainAnswer | undefined> => {
    if (!url.pathname.startsWith('/latest')) return undefined;
    const text = (status: number, body: string): PlainAnswer => ({ status, contentType: 'text/plain', body });
    if (method !== 'GET') return text(405, 'Method Not Allowed\n');
    const vmId = hostVmId();
    const vm = vmId ? cloud.state.vms.get(vmId) : undefined;
    if (!vm || vm.state === 'terminated') return text(404, 'Not Found\n');
    const answer = metadataAnswer(cloud, vm, url.pathname.replace(/^\/latest\/?/, ''));
    return answer === undefined ? text(404, 'Not Found\n') : text(200, answer);
  };
}
