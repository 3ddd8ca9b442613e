import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import { optionalObject, optionalString, optionalStringList, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { byCreation, callerOf, canUseImage, findUsableImage, isVisible } from '../model/access';
import type { ImageRecord } from '../model/records';
import { presentImage } from '../present/image';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';
import { createImage } from './image-create';
import { applyPermissionChanges } from './permissions';

function imageFilters(cloud: Cloud): FilterTable<ImageRecord> {
  const devices = (i: ImageRecord) => i.blockDevices;
  return {
    AccountAliases: { type: 'strings', values: (i) => [cloud.accounts.aliasOf(i.accountId)] },
    AccountIds: { type: 'strings', values: (i) => [i.accountId] },
    Architectures: { type: 'strings', values: (i) => [i.architecture] },
    BlockDeviceMappingDeleteOnVmDeletion: {
      type: 'boolean',
      values: (i) => devices(i).map((d) => d.deleteOnVmDeletion),
    },
    BlockDeviceMappingDeviceNames: { type: 'strings', values: (i) => devices(i).map((d) => d.deviceName) },
    BlockDeviceMappingSnapshotIds: { type: 'strings', values: (i) => devices(i).map((d) => d.snapshotId) },
    BlockDeviceMappingVolumeSizes: { type: 'integers', values: (i) => devices(i).map((d) => d.volumeSize) },
    BlockDeviceMappingVolumeTypes: { type: 'strings', values: (i) => devices(i).map((d) => d.volumeType) },
    BootModes: { type: 'strings', values: (i) => i.bootModes },
    Descriptions: { type: 'strings', wildcard: true, values: (i) => [i.description] },
    FileLocations: { type: 'strings', wildcard: true, values: (i) => [i.fileLocation] },
    Hypervisors: { type: 'strings', values: () => ['xen'] },
    ImageIds: { type: 'strings', values: (i) => [i.id] },
    ImageNames: { type: 'strings', wildcard: true, values: (i) => [i.name] },
    PermissionsToLaunchAccountIds: { type: 'strings', values: (i) => [...i.permissions.accountIds] },
    PermissionsToLaunchGlobalPermission: { type: 'boolean', values: (i) => [i.permissions.global] },
    ProductCodeNames: { type: 'strings', values: () => [] },
    ProductCodes: { type: 'strings', values: (i) => i.productCodes },
    RootDeviceNames: { type: 'strings', values: (i) => [i.rootDeviceName] },
    RootDeviceTypes: { type: 'strings', values: () => ['bsu', 'ebs'] },
    SecureBoot: { type: 'boolean', values: () => [false] },
    States: { type: 'strings', values: (i) => [i.state] },
    TpmMandatory: { type: 'boolean', values: (i) => [i.tpmMandatory] },
    VirtualizationTypes: { type: 'strings', values: () => ['hvm'] },
    ...tagFilters((i: ImageRecord) => i.tags),
  };
}

/** An image the caller owns; an image it may only use is refused as not its own. */
function ownImage(cloud: Cloud, context: Parameters<typeof findUsableImage>[2], id: string): ImageRecord {
  const image = findUsableImage(cloud, id, context);
  if (image.accountId !== callerOf(context).accountId) throw errors.notAuthorized();
  return image;
}

/** CreateImage, UpdateImage, DeleteImage, ReadImages. */
export function imageOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation(
      'CreateImage',
      [
        'VmId',
        'ImageName',
        'Description',
        'NoReboot',
        'BlockDeviceMappings',
        'RootDeviceName',
        'Architecture',
        'BootModes',
        'ProductCodes',
        'TpmMandatory',
        'SourceImageId',
        'SourceRegionName',
        'FileLocation',
      ],
      (context, body) => createImage(cloud, context, body),
    ),
    defineOperation(
      'UpdateImage',
      ['ImageId', 'Description', 'PermissionsToLaunch', 'ProductCodes'],
      (context, body) => {
        const image = ownImage(cloud, context, requiredString(body, 'ImageId'));
        const description = optionalString(body, 'Description');
        const productCodes = optionalStringList(body, 'ProductCodes');
        const permissions = optionalObject(body, 'PermissionsToLaunch');
        if (description === undefined && productCodes === undefined && permissions === undefined) {
          throw errors.missingParameter('PermissionsToLaunch');
        }
        if (permissions) applyPermissionChanges(image.permissions, permissions, 'PermissionsToLaunch');
        if (description !== undefined) image.description = description;
        if (productCodes !== undefined) image.productCodes = productCodes;
        return { Image: presentImage(cloud, image, image.accountId) };
      },
    ),
    defineOperation('DeleteImage', ['ImageId'], (context, body) => {
      const image = ownImage(cloud, context, requiredString(body, 'ImageId'));
      cloud.state.images.delete(image.id);
      return {};
    }),
    defineOperation('ReadImages', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const usable = byCreation(cloud.state.images.values()).filter(
        (i) => canUseImage(i, accountId) && isVisible(i, context.now),
      );
      const page = paginate(applyFilters(usable, body.Filters, imageFilters(cloud)), context.operation, body);
      return { Images: page.items.map((i) => presentImage(cloud, i, accountId)), NextPageToken: page.nextPageToken };
    }),
  ];
}
