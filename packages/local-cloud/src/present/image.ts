import type { Image } from '@osc-packer/oapi-client';
import type { Cloud } from '../engine/cloud';
import type { ImageRecord } from '../model/records';
import { isoDate, presentPermissions, presentTags } from './common';

/** An OMI as `viewer` sees it (tags and the share list only for its owner). */
export function presentImage(cloud: Cloud, image: ImageRecord, viewer: string): Image {
  return {
    ImageId: image.id,
    ImageName: image.name,
    Description: image.description,
    AccountId: image.accountId,
    AccountAlias: cloud.accounts.aliasOf(image.accountId) ?? '',
    Architecture: image.architecture,
    BlockDeviceMappings: image.blockDevices.map((device) => ({
      DeviceName: device.deviceName,
      ...(device.virtualDeviceName ? { VirtualDeviceName: device.virtualDeviceName } : {}),
      Bsu: {
        DeleteOnVmDeletion: device.deleteOnVmDeletion,
        ...(device.snapshotId ? { SnapshotId: device.snapshotId } : {}),
        ...(device.volumeSize !== undefined ? { VolumeSize: device.volumeSize } : {}),
        ...(device.volumeType ? { VolumeType: device.volumeType } : {}),
        ...(device.iops !== undefined ? { Iops: device.iops } : {}),
      },
    })),
    BootModes: image.bootModes as Image['BootModes'],
    CreationDate: isoDate(image.createdAt),
    FileLocation: image.fileLocation,
    ImageType: 'machine',
    PermissionsToLaunch: presentPermissions(image.permissions, image.accountId === viewer),
    ProductCodes: [...image.productCodes],
    RootDeviceName: image.rootDeviceName,
    RootDeviceType: 'bsu',
    SecureBoot: false,
    State: image.state,
    ...(image.stateComment
      ? { StateComment: { StateCode: image.stateComment.code, StateMessage: image.stateComment.message } }
      : {}),
    Tags: presentTags(image, viewer),
    TpmMandatory: image.tpmMandatory,
  };
}
