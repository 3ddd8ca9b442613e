import { deleteImageAndSnapshots, deleteSnapshot } from '../resources/delete-image';
import { deleteKeypair } from '../resources/delete-keypair';
import { deletePublicIp } from '../resources/delete-public-ip';
import { deleteSecurityGroup } from '../resources/delete-security-group';
import { deleteVm } from '../resources/delete-vm';
import { deleteVolume } from '../resources/delete-volume';
import type { ResourceEnv } from '../resources/resource-env';
import type { LeftoverResource } from './leftover-resource';

/** Deletes one leftover with the same idempotent, retrying deletes the build's cleanups use. */
export async function deleteLeftover(
  env: ResourceEnv,
  resource: LeftoverResource,
  signal?: AbortSignal,
): Promise<void> {
  switch (resource.kind) {
    case 'vm':
      return deleteVm(env, resource.id, signal);
    case 'public-ip':
      return deletePublicIp(env, resource.id, signal);
    case 'security-group':
      return deleteSecurityGroup(env, resource.id, signal);
    case 'keypair':
      return deleteKeypair(env, resource.name ?? resource.id, signal);
    case 'volume':
      return deleteVolume(env, resource.id, signal);
    case 'image':
      await deleteImageAndSnapshots(env, resource.id, { ...(signal ? { signal } : {}) });
      return;
    case 'snapshot':
      return deleteSnapshot(env, resource.id, signal);
  }
}
