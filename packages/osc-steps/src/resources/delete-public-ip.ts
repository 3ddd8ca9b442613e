import { isNotFoundError } from '@osc-packer/oapi-client';
import { type ResourceEnv, retryWhileBusy, withSignal } from './resource-env';

/**
 * Unlinks a public IP if it is still linked, then releases it, retrying while the API still sees it in use.
 * An IP that no longer exists counts as deleted.
 */
export async function deletePublicIp(env: ResourceEnv, publicIpId: string, signal?: AbortSignal): Promise<void> {
  const found = await env.client.readAll(
    'ReadPublicIps',
    { Filters: { PublicIpIds: [publicIpId] } },
    withSignal(signal),
  );
  const publicIp = found.find((ip) => ip.PublicIpId === publicIpId);
  if (!publicIp) return;
  const linkId = publicIp.LinkPublicIpId;
  if (linkId) {
    await retryWhileBusy(
      env,
      `unlinking public IP ${publicIp.PublicIp ?? publicIpId}`,
      (s) => env.client.call('UnlinkPublicIp', { LinkPublicIpId: linkId }, withSignal(s)),
      signal,
    ).catch((error: unknown) => {
      if (!isNotFoundError(error)) throw error;
    });
  }
  await retryWhileBusy(
    env,
    `deleting public IP ${publicIp.PublicIp ?? publicIpId}`,
    (s) => env.client.call('DeletePublicIp', { PublicIpId: publicIpId }, withSignal(s)),
    signal,
  ).catch((error: unknown) => {
    if (!isNotFoundError(error)) throw error;
  });
}
