import type { InterpolationContext, Step } from '@osc-packer/builder-core';
import { type Image, waitForImageAvailable } from '@osc-packer/oapi-client';
import { renderWithBuildInfo } from '../config/build-info';
import { buildTag } from '../journal/build-tag';
import { deleteImageAndSnapshots } from '../resources/delete-image';
import { waitOptions } from '../resources/resource-env';
import { type CreateImageConfig, createImageRequest } from './create-image-request';
import { refusedByApi } from './eventual-errors';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';
import { tagResources } from './tag-resources';

/** The snapshots of an image's block device mappings. */
export function snapshotsOf(image: Image): string[] {
  return (image.BlockDeviceMappings ?? []).flatMap((mapping) =>
    mapping.Bsu?.SnapshotId ? [mapping.Bsu.SnapshotId] : [],
  );
}

async function findOwnImage(env: OscStepEnv, name: string, signal: AbortSignal): Promise<string | undefined> {
  const accountId = await env.accountId(signal);
  const images = await env.client.readAll(
    'ReadImages',
    { Filters: { ImageNames: [name], AccountIds: [accountId] } },
    { signal },
  );
  return images.find((image) => image.ImageName === name)?.ImageId;
}

/**
 * Creates the OMI from the stopped VM (Packer's StepCreateOMI) and waits until it is available, with the
 * named, bounded waiter; a `failed` OMI halts with the API's StateComment. `omi_description` is rendered
 * with the build data (the Go plugin sent the template text). The OMI is journaled and tagged with the build
 * until the build completes. When the build does not complete, cleanup deletes the OMI and its snapshots,
 * also when the wait failed (the Go plugin then leaked it).
 */
export function stepCreateOmi(
  env: OscStepEnv,
  config: CreateImageConfig & { omi_description?: string | undefined },
  options: { interpolation: InterpolationContext },
): Step<OscBuildState> {
  let entry: string | undefined;
  let imageId: string | undefined;
  return {
    name: 'create OMI',
    requires: ['vm', 'buildInfo'],
    provides: ['omi', 'snapshotIds'],
    async run({ signal, ui }, state) {
      const vmId = state.vm?.VmId;
      if (!vmId || !state.buildInfo) throw new Error('create OMI: no source VM');
      const description =
        config.omi_description === undefined
          ? undefined
          : renderWithBuildInfo(config.omi_description, options.interpolation, state.buildInfo);
      ui.say(`Creating OMI ${config.omi_name} from vm ${vmId}`);
      entry = await env.journal.intend('image', { name: config.omi_name, parentId: vmId });
      const request = createImageRequest(config, { vmId, description });
      // Not aborted once sent: its id must reach the journal (cancellation is checked right after).
      const { Image: created } = await env.client.call('CreateImage', request).catch(async (error: unknown) => {
        if (refusedByApi(error) && entry) {
          await env.journal.deleted(entry);
          entry = undefined;
        }
        throw error;
      });
      imageId = created?.ImageId;
      if (!imageId) throw new Error(`CreateImage returned no image for ${config.omi_name}`);
      const id = imageId;
      await env.journal.created(entry, id);
      signal.throwIfAborted();
      ui.message(`OMI: ${id}`);
      await tagResources(env, [id], [buildTag(env.buildId)], signal);
      ui.say('Waiting for OMI to become ready...');
      const image = await waitForImageAvailable(env.client, id, waitOptions(env, signal)).catch((error: unknown) => {
        if (signal.aborted) throw error;
        throw new OutscaleBuildError('omi-failed', `error waiting for OMI ${id}`, { cause: error });
      });
      const snapshotIds = snapshotsOf(image);
      for (const snapshotId of snapshotIds) await env.journal.adopt('snapshot', snapshotId, { parentId: id });
      state.omi = image;
      state.snapshotIds = snapshotIds;
    },
    async cleanup({ signal, ui, reason }, state) {
      if (reason === 'completed' || !entry) return;
      const id = imageId ?? (await findOwnImage(env, config.omi_name, signal));
      if (id) {
        ui.say(
          `Deleting the OMI ${id} and its snapshots, because the build ${reason === 'cancelled' ? 'was cancelled' : 'failed'}...`,
        );
        const snapshots = await deleteImageAndSnapshots(env, id, { knownSnapshotIds: state.snapshotIds ?? [], signal });
        for (const snapshot of snapshots) await env.journal.deleted(snapshot);
      }
      await env.journal.deleted(entry);
    },
  };
}
