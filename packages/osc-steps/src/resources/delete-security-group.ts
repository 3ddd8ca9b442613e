import { isNotFoundError } from '@osc-packer/oapi-client';
import { type ResourceEnv, retryWhileBusy, withSignal } from './resource-env';

/**
 * Deletes a security group, retrying while a VM that is going away still uses it (reference §6: the Go
 * plugin tried once and leaked the group). A group that no longer exists counts as deleted.
 */
export async function deleteSecurityGroup(env: ResourceEnv, groupId: string, signal?: AbortSignal): Promise<void> {
  await retryWhileBusy(
    env,
    `deleting security group ${groupId}`,
    (s) => env.client.call('DeleteSecurityGroup', { SecurityGroupId: groupId }, withSignal(s)),
    signal,
  ).catch((error: unknown) => {
    if (!isNotFoundError(error)) throw error;
  });
}
