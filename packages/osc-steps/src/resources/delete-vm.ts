import { isNotFoundError, waitForVmTerminated } from '@osc-packer/oapi-client';
import { type ResourceEnv, waitOptions, withSignal } from './resource-env';

/**
 * Deletes a VM and waits until it is terminated (bounded by the waiter's deadline, unlike the Go plugin's
 * unbounded wait). A VM that no longer exists counts as deleted.
 */
export async function deleteVm(env: ResourceEnv, vmId: string, signal?: AbortSignal): Promise<void> {
  try {
    await env.client.call('DeleteVms', { VmIds: [vmId] }, withSignal(signal));
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
    return;
  }
  await waitForVmTerminated(env.client, vmId, waitOptions(env, signal));
}
