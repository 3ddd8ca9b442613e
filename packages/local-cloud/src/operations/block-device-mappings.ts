import { errors } from '../api/errors';
import type { RequestBody } from '../api/operation';
import {
  checkKnownFields,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalObjectList,
  optionalString,
} from '../api/params';
import { isDeviceName } from '../model/device-names';

/** A `Bsu` block as a request gives it. */
export interface RequestedBsu {
  deleteOnVmDeletion?: boolean;
  iops?: number;
  snapshotId?: string;
  volumeSize?: number;
  volumeType?: string;
}

/** One entry of a request's `BlockDeviceMappings`. */
export interface RequestedDevice {
  deviceName: string;
  bsu?: RequestedBsu;
  noDevice: boolean;
  virtualDeviceName?: string;
}

const bsuFields = ['DeleteOnVmDeletion', 'Iops', 'SnapshotId', 'VolumeSize', 'VolumeType'];

/**
 * Reads `BlockDeviceMappings` (CreateVms takes `NoDevice` as well, CreateImage does not): each device
 * name must be valid and appear once.
 */
export function parseBlockDeviceMappings(body: RequestBody, allowNoDevice: boolean): RequestedDevice[] | undefined {
  const entries = optionalObjectList(body, 'BlockDeviceMappings');
  if (entries === undefined) return undefined;
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const path = `BlockDeviceMappings.${index}`;
    checkKnownFields(entry, ['DeviceName', 'Bsu', 'VirtualDeviceName', ...(allowNoDevice ? ['NoDevice'] : [])], path);
    const deviceName = optionalString(entry, 'DeviceName', `${path}.DeviceName`);
    if (deviceName === undefined) throw errors.missingParameter(`${path}.DeviceName`);
    if (!isDeviceName(deviceName)) throw errors.invalidParameterValue(`${path}.DeviceName`, deviceName, '4019');
    if (seen.has(deviceName))
      throw errors.invalidParameterValue(`${path}.DeviceName`, deviceName, '4011', 'It is listed twice.');
    seen.add(deviceName);
    const bsuBody = optionalObject(entry, 'Bsu', `${path}.Bsu`);
    let bsu: RequestedBsu | undefined;
    if (bsuBody) {
      checkKnownFields(bsuBody, bsuFields, `${path}.Bsu`);
      bsu = {
        deleteOnVmDeletion: optionalBoolean(bsuBody, 'DeleteOnVmDeletion', `${path}.Bsu.DeleteOnVmDeletion`),
        iops: optionalInteger(bsuBody, 'Iops', `${path}.Bsu.Iops`),
        snapshotId: optionalString(bsuBody, 'SnapshotId', `${path}.Bsu.SnapshotId`),
        volumeSize: optionalInteger(bsuBody, 'VolumeSize', `${path}.Bsu.VolumeSize`),
        volumeType: optionalString(bsuBody, 'VolumeType', `${path}.Bsu.VolumeType`),
      };
    }
    const noDevice = allowNoDevice && optionalString(entry, 'NoDevice', `${path}.NoDevice`) !== undefined;
    const virtualDeviceName = optionalString(entry, 'VirtualDeviceName', `${path}.VirtualDeviceName`);
    if (!bsu && !noDevice && virtualDeviceName === undefined) throw errors.missingParameter(`${path}.Bsu`);
    return { deviceName, bsu, noDevice, virtualDeviceName };
  });
}
