import { isNotFoundError } from '@osc-packer/oapi-client';
import { type ResourceEnv, retryWhileBusy, withSignal } from './resource-env';

/**
 * Deletes a key pair by name. "Not found" right after the pair was made may only mean it is not visible yet,
 * so it counts as deleted only when ReadKeypairs agrees; otherwise the delete is retried (bounded).
 */
export async function deleteKeypair(env: ResourceEnv, name: string, signal?: AbortSignal): Promise<void> {
  await retryWhileBusy(
    env,
    `deleting key pair ${name}`,
    async (s) => {
      try {
        await env.client.call('DeleteKeypair', { KeypairName: name }, withSignal(s));
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
        const pairs = await env.client.readAll('ReadKeypairs', { Filters: { KeypairNames: [name] } }, withSignal(s));
        if (pairs.some((pair) => pair.KeypairName === name)) throw error;
      }
    },
    signal,
    { notFoundRetries: true },
  );
}
