import type { Snapshot, Volume } from '@osc-packer/oapi-client';
import type { Cloud } from '../engine/cloud';
import { snapshotProgress } from '../engine/snapshot-lifecycle';
import type { SnapshotRecord, VolumeRecord } from '../model/records';
import { isoDate, presentPermissions, presentTags } from './common';

/** A snapshot as `viewer` sees it (tags and the share list only for its owner). */
export function presentSnapshot(cloud: Cloud, snapshot: SnapshotRecord, viewer: string): Snapshot {
  const owner = snapshot.accountId === viewer;
  return {
    SnapshotId: snapshot.id,
    AccountId: snapshot.accountId,
    AccountAlias: cloud.accounts.aliasOf(snapshot.accountId) ?? '',
    ...(snapshot.clientToken && owner ? { ClientToken: snapshot.clientToken } : {}),
    CreationDate: isoDate(snapshot.createdAt),
    Description: snapshot.description,
    PermissionsToCreateVolume: presentPermissions(snapshot.permissions, owner),
    Progress: snapshotProgress(snapshot, cloud.now()),
    State: snapshot.state,
    ...(snapshot.volumeId ? { VolumeId: snapshot.volumeId } : {}),
    VolumeSize: snapshot.volumeSize,
    Tags: presentTags(snapshot, viewer),
  };
}

/** A volume as the API shows it. */
export function presentVolume(volume: VolumeRecord): Volume {
  return {
    VolumeId: volume.id,
    Size: volume.size,
    VolumeType: volume.volumeType,
    ...(volume.iops !== undefined ? { Iops: volume.iops } : {}),
    ...(volume.snapshotId ? { SnapshotId: volume.snapshotId } : {}),
    SubregionName: volume.subregionName,
    State: volume.state,
    CreationDate: isoDate(volume.createdAt),
    ...(volume.clientToken ? { ClientToken: volume.clientToken } : {}),
    LinkedVolumes: volume.link
      ? [
          {
            VolumeId: volume.id,
            VmId: volume.link.vmId,
            DeviceName: volume.link.deviceName,
            State: volume.link.state,
            DeleteOnVmDeletion: volume.link.deleteOnVmDeletion,
          },
        ]
      : [],
    Tags: presentTags(volume, volume.accountId),
  };
}
