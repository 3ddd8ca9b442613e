import { isNotFoundError } from '@osc-packer/oapi-client';
import { settleAll } from '../steps/settle-all';
import { type ResourceEnv, retryWhileBusy, withSignal } from './resource-env';

/** The snapshots behind an image's block device mappings. */
export async function imageSnapshotIds(env: ResourceEnv, imageId: string, signal?: AbortSignal): Promise<string[]> {
  const images = await env.client.readAll('ReadImages', { Filters: { ImageIds: [imageId] } }, withSignal(signal));
  const image = images.find((candidate) => candidate.ImageId === imageId);
  return (image?.BlockDeviceMappings ?? []).flatMap((mapping) =>
    mapping.Bsu?.SnapshotId ? [mapping.Bsu.SnapshotId] : [],
  );
}

/** Deletes a snapshot, retrying while an image being deleted still uses it. A missing snapshot counts as deleted. */
export async function deleteSnapshot(env: ResourceEnv, snapshotId: string, signal?: AbortSignal): Promise<void> {
  await retryWhileBusy(
    env,
    `deleting snapshot ${snapshotId}`,
    (s) => env.client.call('DeleteSnapshot', { SnapshotId: snapshotId }, withSignal(s)),
    signal,
  ).catch((error: unknown) => {
    if (!isNotFoundError(error)) throw error;
  });
}

/**
 * Deletes an image and then its snapshots (those of its block device mappings, plus `knownSnapshotIds`),
 * the snapshots concurrently. The Go plugin deleted the image only and left its snapshots (reference §9.13).
 */
export async function deleteImageAndSnapshots(
  env: ResourceEnv,
  imageId: string,
  options: { knownSnapshotIds?: readonly string[]; signal?: AbortSignal } = {},
): Promise<string[]> {
  const { signal } = options;
  const snapshots = new Set([...(options.knownSnapshotIds ?? []), ...(await imageSnapshotIds(env, imageId, signal))]);
  try {
    await env.client.call('DeleteImage', { ImageId: imageId }, withSignal(signal));
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
  }
  await settleAll([...snapshots].map((snapshotId) => deleteSnapshot(env, snapshotId, signal)));
  return [...snapshots];
}
