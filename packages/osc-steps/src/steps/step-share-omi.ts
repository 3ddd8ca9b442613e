import type { Step } from '@osc-packer/builder-core';
import type { UpdateImageRequest, UpdateSnapshotRequest } from '@osc-packer/oapi-client';
import type { OmiSharing } from '../config/omi-block';
import { withSignal } from '../resources/resource-env';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { settleAll } from './settle-all';

/** The UpdateImage and UpdateSnapshot requests that apply `sharing` (none when nothing is shared). */
export function sharingRequests(
  sharing: OmiSharing,
  imageId: string,
  snapshotIds: readonly string[],
): { image?: UpdateImageRequest; snapshots: UpdateSnapshotRequest[] } {
  const launch = {
    ...(sharing.accountIds.length > 0 ? { AccountIds: [...sharing.accountIds] } : {}),
    ...(sharing.globalPermission ? { GlobalPermission: true } : {}),
  };
  const image: UpdateImageRequest | undefined =
    Object.keys(launch).length > 0 ? { ImageId: imageId, PermissionsToLaunch: { Additions: launch } } : undefined;
  const snapshots =
    sharing.snapshotAccountIds.length > 0
      ? snapshotIds.map((SnapshotId) => ({
          SnapshotId,
          PermissionsToCreateVolume: { Additions: { AccountIds: [...sharing.snapshotAccountIds] } },
        }))
      : [];
  return { ...(image ? { image } : {}), snapshots };
}

/**
 * Shares the new OMI (Packer's StepUpdateOMIAttributes): launch permission for `omi_account_ids` and
 * `global_permission`, create-volume permission on its snapshots for `omi_account_ids` and
 * `snapshot_account_ids` (which the Go plugin never applied); snapshots are never made public. All calls
 * run concurrently.
 */
export function stepShareOmi(env: OscStepEnv, sharing: OmiSharing): Step<OscBuildState> {
  return {
    name: 'share OMI',
    requires: ['omi', 'snapshotIds'],
    async run({ signal, ui }, state) {
      const imageId = state.omi?.ImageId;
      if (!imageId) return;
      const requests = sharingRequests(sharing, imageId, state.snapshotIds ?? []);
      if (!requests.image && requests.snapshots.length === 0) return;
      ui.say('Updating OMI and snapshot permissions...');
      const image = requests.image;
      await settleAll([
        ...(image ? [env.client.call('UpdateImage', image, withSignal(signal))] : []),
        ...requests.snapshots.map((request) => env.client.call('UpdateSnapshot', request, withSignal(signal))),
      ]);
    },
  };
}
