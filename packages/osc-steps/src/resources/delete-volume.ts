import { isNotFoundError, type Volume } from '@osc-packer/oapi-client';
import { StillBusyError } from '../steps/eventual-errors';
import { type ResourceEnv, retryWhileBusy, withSignal } from './resource-env';

async function readVolume(env: ResourceEnv, volumeId: string, signal?: AbortSignal): Promise<Volume | undefined> {
  const volumes = await env.client.readAll('ReadVolumes', { Filters: { VolumeIds: [volumeId] } }, withSignal(signal));
  return volumes.find((volume) => volume.VolumeId === volumeId);
}

/**
 * Deletes a volume once it is detached: after its VM terminated a volume takes a moment to become
 * `available` (or disappears when it was deleted with the VM). Waits for that (bounded), then deletes,
 * retrying while the API still says it is in use. A volume that no longer exists counts as deleted.
 */
export async function deleteVolume(env: ResourceEnv, volumeId: string, signal?: AbortSignal): Promise<void> {
  await retryWhileBusy(
    env,
    `deleting volume ${volumeId}`,
    async (s) => {
      const volume = await readVolume(env, volumeId, s);
      if (!volume || volume.State === 'deleting') return;
      if (volume.State !== 'available' && volume.State !== 'error') {
        throw new StillBusyError(`volume ${volumeId} is ${volume.State}`);
      }
      try {
        await env.client.call('DeleteVolume', { VolumeId: volumeId }, withSignal(s));
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
      }
    },
    signal,
  );
}
