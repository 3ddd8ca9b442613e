import { errors } from '../api/errors';
import type { CallContext, RequestBody } from '../api/operation';
import {
  checkKnownFields,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalObjectList,
  optionalString,
  optionalStringList,
} from '../api/params';
import { findVmType } from '../catalog/vm-types';
import type { Cloud } from '../engine/cloud';
import { callerOf, findOwned, findUsableImage, findUsableSnapshot } from '../model/access';
import type { ImageRecord, KeypairRecord, SnapshotRecord, SubnetRecord } from '../model/records';
import { parseBlockDeviceMappings } from './block-device-mappings';
import { findKeypairByName } from './keypair-operations';
import { volumeShape } from './volume-rules';

/** A volume a new VM gets. */
export interface PlannedDevice {
  deviceName: string;
  snapshot?: SnapshotRecord;
  size: number;
  volumeType: string;
  iops?: number;
  deleteOnVmDeletion: boolean;
}

/** Everything CreateVms needs, checked before anything is created. */
export interface LaunchPlan {
  image: ImageRecord;
  vmType: string;
  keypair?: KeypairRecord;
  subnet?: SubnetRecord;
  securityGroupIds: string[];
  subregionName: string;
  tenancy: string;
  devices: PlannedDevice[];
  userData?: string;
  shutdownBehavior: string;
  performance: string;
  bootMode: string;
  tpmEnabled: boolean;
  deletionProtection: boolean;
  nestedVirtualization: boolean;
  privateIps: string[];
  minCount: number;
  maxCount: number;
  bootOnCreation: boolean;
}

const maxUserDataBytes = 500 * 1024;

function devicesOf(cloud: Cloud, context: CallContext, image: ImageRecord, body: RequestBody): PlannedDevice[] {
  const requested = parseBlockDeviceMappings(body, true) ?? [];
  const devices: PlannedDevice[] = [];
  // The OMI's own snapshots come with the right to launch it; snapshots a request adds must be usable.
  const plan = (
    deviceName: string,
    bsu: { snapshotId?: string; volumeSize?: number; volumeType?: string; iops?: number; deleteOnVmDeletion?: boolean },
    path: string,
    fromImage = false,
  ) => {
    const imageSnapshot =
      fromImage && bsu.snapshotId !== undefined ? cloud.state.snapshots.get(bsu.snapshotId) : undefined;
    if (fromImage && bsu.snapshotId !== undefined && !imageSnapshot) {
      throw errors.invalidState('6001', `The OMI '${image.id}' refers to the deleted snapshot '${bsu.snapshotId}'.`);
    }
    const snapshot =
      imageSnapshot ?? (bsu.snapshotId === undefined ? undefined : findUsableSnapshot(cloud, bsu.snapshotId, context));
    if (snapshot && snapshot.state !== 'completed')
      throw errors.invalidState('6003', `The snapshot '${snapshot.id}' is ${snapshot.state}.`);
    const shape = volumeShape({ size: bsu.volumeSize, volumeType: bsu.volumeType, iops: bsu.iops }, snapshot, path);
    devices.push({ deviceName, snapshot, ...shape, deleteOnVmDeletion: bsu.deleteOnVmDeletion ?? true });
  };
  for (const device of image.blockDevices) {
    const override = requested.find((entry) => entry.deviceName === device.deviceName);
    if (override?.noDevice) {
      if (device.deviceName === image.rootDeviceName)
        throw errors.invalidParameterValue('BlockDeviceMappings.NoDevice', device.deviceName, '4057');
      continue;
    }
    const index = override ? requested.indexOf(override) : -1;
    plan(
      device.deviceName,
      {
        snapshotId: device.snapshotId,
        volumeSize: override?.bsu?.volumeSize ?? device.volumeSize,
        volumeType: override?.bsu?.volumeType ?? device.volumeType,
        iops: override?.bsu?.iops ?? device.iops,
        deleteOnVmDeletion: override?.bsu?.deleteOnVmDeletion ?? device.deleteOnVmDeletion,
      },
      `BlockDeviceMappings.${index}.Bsu.`,
      true,
    );
  }
  requested.forEach((entry, index) => {
    if (entry.noDevice || !entry.bsu || devices.some((d) => d.deviceName === entry.deviceName)) return;
    if (image.blockDevices.some((d) => d.deviceName === entry.deviceName)) return;
    plan(entry.deviceName, entry.bsu, `BlockDeviceMappings.${index}.Bsu.`);
  });
  if (!devices.some((device) => device.deviceName === image.rootDeviceName)) {
    throw errors.invalidParameterValue('ImageId', image.id, '4057', 'The OMI has no root device.');
  }
  return devices;
}

function networkOf(cloud: Cloud, context: CallContext, body: RequestBody) {
  const nics = optionalObjectList(body, 'Nics');
  const primary = nics?.[0];
  if (primary) {
    checkKnownFields(
      primary,
      [
        'DeleteOnVmDeletion',
        'Description',
        'DeviceNumber',
        'NicId',
        'PrivateIps',
        'SecondaryPrivateIpCount',
        'SecurityGroupIds',
        'SubnetId',
      ],
      'Nics.0',
    );
    const nicId = optionalString(primary, 'NicId', 'Nics.0.NicId');
    if (nicId !== undefined) throw errors.notFound('resource', nicId);
  }
  const subnetId =
    optionalString(body, 'SubnetId') ?? (primary && optionalString(primary, 'SubnetId', 'Nics.0.SubnetId'));
  const subnet = subnetId === undefined ? undefined : findOwned(cloud.state.subnets, subnetId, context, 'subnet');
  const groupIds =
    optionalStringList(body, 'SecurityGroupIds') ??
    (primary && optionalStringList(primary, 'SecurityGroupIds', 'Nics.0.SecurityGroupIds'));
  const groupNames = optionalStringList(body, 'SecurityGroups') ?? [];
  const accountId = callerOf(context).accountId;
  const groups = (groupIds ?? []).map((id) => findOwned(cloud.state.securityGroups, id, context, 'securityGroup'));
  for (const name of groupNames) {
    const group = [...cloud.state.securityGroups.values()].find(
      (g) => g.accountId === accountId && g.name === name && g.netId === subnet?.netId,
    );
    if (!group) throw errors.notFound('securityGroupName', name);
    groups.push(group);
  }
  for (const group of groups) {
    if (group.netId !== subnet?.netId)
      throw errors.invalidParameterValue('SecurityGroupIds', group.id, '4086', 'It is not in the Net of the VM.');
  }
  if (groups.length === 0) {
    const fallback = [...cloud.state.securityGroups.values()].find(
      (g) => g.accountId === accountId && g.isDefault && g.netId === subnet?.netId,
    );
    if (fallback) groups.push(fallback);
  }
  const privateIps = optionalStringList(body, 'PrivateIps') ?? [];
  if (privateIps.length > 0 && !subnet)
    throw errors.invalidParameterValue('PrivateIps', privateIps[0], '4086', 'Private IPs can be chosen only in a Net.');
  return { subnet, securityGroupIds: [...new Set(groups.map((g) => g.id))], privateIps };
}

function userDataOf(body: RequestBody): string | undefined {
  const userData = optionalString(body, 'UserData');
  if (userData === undefined) return undefined;
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(userData))
    throw errors.invalidParameterValue('UserData', `${userData.slice(0, 16)}...`, '4047', 'It must be base64.');
  if (Buffer.from(userData, 'base64').length > maxUserDataBytes)
    throw errors.invalidParameterValue('UserData', '...', '4047', 'It is larger than 500 KiB.');
  return userData;
}

/** Checks a CreateVms request completely and says what to create. */
export function planLaunch(cloud: Cloud, context: CallContext, body: RequestBody): LaunchPlan {
  const imageId = optionalString(body, 'ImageId');
  if (imageId === undefined) throw errors.missingParameter('ImageId');
  const image = findUsableImage(cloud, imageId, context);
  if (image.state !== 'available') throw errors.invalidState('6001', `The OMI '${image.id}' is ${image.state}.`);
  const vmType = optionalString(body, 'VmType') ?? 't2.small';
  if (!findVmType(vmType)) throw errors.notFound('vmType', vmType);
  const min = optionalInteger(body, 'MinVmsCount') ?? 1;
  const max = optionalInteger(body, 'MaxVmsCount') ?? min;
  if (min < 1) throw errors.invalidParameterValue('MinVmsCount', min, '4018');
  if (max < min) throw errors.invalidParameterValue('MaxVmsCount', max, '4018');
  const keypairName = optionalString(body, 'KeypairName');
  const keypair = keypairName === undefined ? undefined : findKeypairByName(cloud, context, keypairName);
  if (keypairName !== undefined && !keypair) throw errors.notFound('keypair', keypairName);
  const network = networkOf(cloud, context, body);
  const placement = optionalObject(body, 'Placement');
  if (placement) checkKnownFields(placement, ['SubregionName', 'Tenancy'], 'Placement');
  const subregionName =
    (placement && optionalString(placement, 'SubregionName', 'Placement.SubregionName')) ??
    network.subnet?.subregionName ??
    cloud.subregions[0] ??
    `${cloud.region}a`;
  if (!cloud.subregions.includes(subregionName)) throw errors.notFound('subregion', subregionName);
  if (network.subnet && network.subnet.subregionName !== subregionName)
    throw errors.invalidParameterValue('Placement.SubregionName', subregionName, '4081', "It is not the Subnet's.");
  const tenancy =
    oneOf(
      (placement && optionalString(placement, 'Tenancy', 'Placement.Tenancy')) ?? 'default',
      ['default', 'dedicated'],
      'Placement.Tenancy',
    ) ?? 'default';
  const bootMode = optionalString(body, 'BootMode') ?? image.bootModes[0] ?? 'legacy';
  if (!image.bootModes.includes(bootMode))
    throw errors.invalidParameterValue('BootMode', bootMode, '4047', 'The OMI does not support it.');
  const tpmEnabled = optionalBoolean(body, 'TpmEnabled') ?? image.tpmMandatory;
  if (image.tpmMandatory && !tpmEnabled)
    throw errors.invalidParameterValue('TpmEnabled', tpmEnabled, '4047', 'The OMI requires a vTPM.');
  const nestedVirtualization = optionalBoolean(body, 'NestedVirtualization') ?? false;
  if (nestedVirtualization && tenancy !== 'dedicated')
    throw errors.invalidParameterValue('NestedVirtualization', true, '4047', 'It needs dedicated tenancy.');
  optionalBoolean(body, 'BsuOptimized');
  optionalObject(body, 'ActionsOnNextBoot');
  return {
    image,
    vmType,
    keypair,
    ...network,
    subregionName,
    tenancy,
    devices: devicesOf(cloud, context, image, body),
    userData: userDataOf(body),
    shutdownBehavior:
      oneOf(
        optionalString(body, 'VmInitiatedShutdownBehavior'),
        ['stop', 'restart', 'terminate'],
        'VmInitiatedShutdownBehavior',
      ) ?? 'stop',
    performance: oneOf(optionalString(body, 'Performance'), ['medium', 'high', 'highest'], 'Performance') ?? 'high',
    bootMode,
    tpmEnabled,
    deletionProtection: optionalBoolean(body, 'DeletionProtection') ?? false,
    nestedVirtualization,
    minCount: min,
    maxCount: max,
    bootOnCreation: optionalBoolean(body, 'BootOnCreation') ?? true,
  };
}
