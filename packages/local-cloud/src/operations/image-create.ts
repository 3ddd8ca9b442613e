import type { Image } from '@osc-packer/oapi-client';
import type { Account } from '../accounts/account-registry';
import { errors } from '../api/errors';
import type { CallContext, RequestBody } from '../api/operation';
import { optionalBoolean, optionalString, optionalStringList, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { type ImagedVolume, imageVmInBackground, registerImageInBackground } from '../engine/image-lifecycle';
import { shareSnapshotData } from '../engine/snapshot-lifecycle';
import { linkedVolumes } from '../engine/vm-lifecycle';
import { callerOf, findOwned, findUsableImage, findUsableSnapshot, newRecordBase } from '../model/access';
import { rootDeviceName } from '../model/device-names';
import type { ImageBlockDevice, ImageRecord, SnapshotRecord } from '../model/records';
import { presentImage } from '../present/image';
import { parseBlockDeviceMappings, type RequestedDevice } from './block-device-mappings';
import { findExportByManifest } from './image-export-operations';
import { newSnapshotRecord } from './snapshot-operations';
import { volumeShape } from './volume-rules';

const imageNamePattern = /^[A-Za-z0-9_ ()/.-]{3,128}$/;

function checkName(cloud: Cloud, account: Account, name: string | undefined): string {
  if (name === undefined) throw errors.missingParameter('ImageName');
  if (!imageNamePattern.test(name)) throw errors.invalidParameterValue('ImageName', name, '4026');
  // Names are unique on the write path even while a new image is not yet visible to reads (eventual
  // consistency delays reads, not the constraint): a retried create must be refused, not duplicated.
  const taken = [...cloud.state.images.values()].some(
    (image) => image.accountId === account.accountId && image.name === name,
  );
  if (taken) throw errors.conflict('9015', `An OMI named '${name}' already exists.`);
  return name;
}

function newImage(cloud: Cloud, account: Account, body: RequestBody, fields: Partial<ImageRecord> & { name: string }) {
  const bootModes = optionalStringList(body, 'BootModes');
  for (const mode of bootModes ?? [])
    if (mode !== 'legacy' && mode !== 'uefi') throw errors.invalidParameterValue('BootModes', mode);
  const image: ImageRecord = {
    ...newRecordBase(cloud, 'image', account),
    state: 'pending',
    description: optionalString(body, 'Description') ?? '',
    architecture: 'x86_64',
    rootDeviceName,
    blockDevices: [],
    bootModes: bootModes ?? ['legacy'],
    productCodes: optionalStringList(body, 'ProductCodes') ?? ['0001'],
    tpmMandatory: optionalBoolean(body, 'TpmMandatory') ?? false,
    fileLocation: `${account.alias}/${fields.name}`,
    permissions: { accountIds: new Set(), global: false },
    ...fields,
  };
  cloud.state.images.set(image.id, image);
  return image;
}

function snapshotFor(cloud: Cloud, account: Account, description: string, volumeSize: number, volumeId?: string) {
  const snapshot = newSnapshotRecord(newRecordBase(cloud, 'snapshot', account), {
    description,
    volumeSize,
    volumeId,
  });
  cloud.state.snapshots.set(snapshot.id, snapshot);
  return snapshot;
}

/** A device the request adds to an OMI: a snapshot (checked) or a blank volume of a given size. */
function requestedDevice(
  cloud: Cloud,
  context: CallContext,
  requested: RequestedDevice,
  index: number,
): ImageBlockDevice {
  const path = `BlockDeviceMappings.${index}.Bsu.`;
  const bsu = requested.bsu ?? {};
  const snapshot = bsu.snapshotId === undefined ? undefined : findUsableSnapshot(cloud, bsu.snapshotId, context);
  if (snapshot && snapshot.state !== 'completed')
    throw errors.invalidState('6003', `The snapshot '${snapshot.id}' is ${snapshot.state}.`);
  const shape = volumeShape({ size: bsu.volumeSize, volumeType: bsu.volumeType, iops: bsu.iops }, snapshot, path);
  return {
    deviceName: requested.deviceName,
    snapshotId: snapshot?.id,
    volumeSize: shape.size,
    volumeType: shape.volumeType,
    iops: shape.iops,
    deleteOnVmDeletion: bsu.deleteOnVmDeletion ?? true,
    virtualDeviceName: requested.virtualDeviceName,
  };
}

function fromVm(cloud: Cloud, context: CallContext, body: RequestBody, account: Account, name: string): ImageRecord {
  const vm = findOwned(cloud.state.vms, requiredString(body, 'VmId'), context, 'vm');
  if (vm.state !== 'running' && vm.state !== 'stopped')
    throw errors.invalidState('6006', `The VM '${vm.id}' is ${vm.state}.`);
  const volumes = linkedVolumes(cloud, vm).filter((volume) => volume.link && volume.link.state !== 'detaching');
  const requested = parseBlockDeviceMappings(body, false) ?? [];
  // Devices the request adds (not one of the VM's volumes) are checked before anything is created.
  const extra = requested.flatMap((device, index) =>
    volumes.some((volume) => volume.link?.deviceName === device.deviceName)
      ? []
      : [requestedDevice(cloud, context, device, index)],
  );
  const source = cloud.state.images.get(vm.imageId);
  const image = newImage(cloud, account, body, {
    name,
    architecture: vm.architecture,
    rootDeviceName: vm.rootDeviceName,
    bootModes: source?.bootModes ?? ['legacy'],
  });
  const imaged: ImagedVolume[] = [];
  for (const volume of volumes) {
    const deviceName = volume.link?.deviceName ?? '';
    const override = requested.find((device) => device.deviceName === deviceName)?.bsu;
    const snapshot = snapshotFor(
      cloud,
      account,
      `Created by CreateImage(${vm.id}) for ${image.id}`,
      volume.size,
      volume.id,
    );
    imaged.push({ volume, snapshot });
    image.blockDevices.push({
      deviceName,
      snapshotId: snapshot.id,
      volumeSize: Math.max(override?.volumeSize ?? volume.size, volume.size),
      volumeType: override?.volumeType ?? volume.volumeType,
      iops: volume.iops,
      deleteOnVmDeletion: override?.deleteOnVmDeletion ?? volume.link?.deleteOnVmDeletion ?? true,
    });
  }
  image.blockDevices.push(...extra);
  imageVmInBackground(cloud, image, vm, imaged, optionalBoolean(body, 'NoReboot') ?? false);
  return image;
}

function copied(cloud: Cloud, context: CallContext, body: RequestBody, account: Account, name: string): ImageRecord {
  const region = requiredString(body, 'SourceRegionName');
  if (region !== cloud.region)
    throw errors.invalidParameterValue('SourceRegionName', region, '5043', 'Copies stay in the Region.');
  const source = findUsableImage(cloud, requiredString(body, 'SourceImageId'), context);
  if (source.state !== 'available') throw errors.invalidState('6001', `The OMI '${source.id}' is ${source.state}.`);
  const image = newImage(cloud, account, body, {
    name,
    state: 'available',
    description: optionalString(body, 'Description') ?? source.description,
    architecture: source.architecture,
    rootDeviceName: source.rootDeviceName,
    bootModes: [...source.bootModes],
    productCodes: [...source.productCodes],
    tpmMandatory: source.tpmMandatory,
  });
  for (const device of source.blockDevices) {
    const original = device.snapshotId ? cloud.state.snapshots.get(device.snapshotId) : undefined;
    let snapshotId: string | undefined;
    if (original) {
      const copy = snapshotFor(cloud, account, `Copied from ${original.id} for ${image.id}`, original.volumeSize);
      shareSnapshotData(copy, original);
      copy.state = 'completed';
      copy.progress = 100;
      snapshotId = copy.id;
    }
    image.blockDevices.push({ ...device, snapshotId });
  }
  return image;
}

function fromSnapshots(
  cloud: Cloud,
  context: CallContext,
  body: RequestBody,
  account: Account,
  name: string,
): ImageRecord {
  const root = requiredString(body, 'RootDeviceName');
  const requested = parseBlockDeviceMappings(body, false);
  if (!requested || requested.length === 0) throw errors.missingParameter('BlockDeviceMappings');
  const rootEntry = requested.find((device) => device.deviceName === root);
  if (!rootEntry?.bsu?.snapshotId) {
    throw errors.invalidParameterValue('RootDeviceName', root, '4057', 'No block device mapping gives it a snapshot.');
  }
  const architecture = optionalString(body, 'Architecture') ?? 'x86_64';
  if (architecture !== 'x86_64' && architecture !== 'i386')
    throw errors.invalidParameterValue('Architecture', architecture, '4001');
  const devices = requested.map((device, index) => requestedDevice(cloud, context, device, index));
  const image = newImage(cloud, account, body, { name, architecture, rootDeviceName: root, blockDevices: devices });
  const snapshots = devices.flatMap((device) =>
    device.snapshotId ? [cloud.state.snapshots.get(device.snapshotId)] : [],
  );
  registerImageInBackground(
    cloud,
    image,
    snapshots.filter((s): s is SnapshotRecord => s !== undefined),
  );
  return image;
}

function fromManifest(cloud: Cloud, body: RequestBody, account: Account): ImageRecord {
  const location = requiredString(body, 'FileLocation');
  const exported = findExportByManifest(cloud, location);
  if (!exported) throw errors.notFound('manifest', location);
  const name = optionalString(body, 'ImageName') ?? exported.name;
  const image = newImage(cloud, account, body, {
    name,
    description: optionalString(body, 'Description') ?? exported.description,
    architecture: exported.architecture,
    rootDeviceName: exported.rootDeviceName,
    bootModes: [...exported.bootModes],
    fileLocation: location,
  });
  const snapshots = exported.devices.map(({ device, volumeSize, data }) => {
    const snapshot = snapshotFor(cloud, account, `Imported from ${location} for ${image.id}`, volumeSize);
    snapshot.loadData = data;
    snapshot.state = 'completed';
    snapshot.progress = 100;
    image.blockDevices.push({ ...device, snapshotId: snapshot.id });
    return snapshot;
  });
  registerImageInBackground(cloud, image, snapshots);
  return image;
}

/**
 * CreateImage, in its four exclusive modes: from a VM (`VmId`), a same-Region copy (`SourceImageId`),
 * registration from snapshots (`RootDeviceName` + `BlockDeviceMappings`) or from an exported manifest
 * (`FileLocation`).
 */
export function createImage(cloud: Cloud, context: CallContext, body: RequestBody): { Image: Image } {
  const account = callerOf(context);
  const modes = [
    body.VmId !== undefined && 'VmId',
    body.SourceImageId !== undefined && 'SourceImageId',
    body.FileLocation !== undefined && 'FileLocation',
    body.RootDeviceName !== undefined && 'RootDeviceName',
  ].filter((mode): mode is string => mode !== false);
  if (modes.length === 0) throw errors.missingParameter('VmId');
  if (modes.length > 1) throw errors.invalidParameterSet(`${modes.join(' and ')} cannot be used together.`);
  let image: ImageRecord;
  if (modes[0] === 'FileLocation') image = fromManifest(cloud, body, account);
  else {
    const name = checkName(cloud, account, optionalString(body, 'ImageName'));
    if (modes[0] === 'VmId') image = fromVm(cloud, context, body, account, name);
    else if (modes[0] === 'SourceImageId') image = copied(cloud, context, body, account, name);
    else image = fromSnapshots(cloud, context, body, account, name);
  }
  return { Image: presentImage(cloud, image, account.accountId) };
}
