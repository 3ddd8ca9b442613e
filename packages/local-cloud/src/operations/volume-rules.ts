import { errors } from '../api/errors';
import { maxIops, maxIopsPerGiB, maxVolumeSizeGiB, volumeTypes } from '../model/device-names';
import type { SnapshotRecord } from '../model/records';

/** A volume's size, type and IOPS after the API's rules, with `path` naming parameters in errors. */
export interface VolumeShape {
  size: number;
  volumeType: string;
  iops?: number;
}

/**
 * Checks and completes a volume's shape: size from the snapshot when absent and never smaller than it,
 * at most 14901 GiB; type `standard` by default; `io1` needs IOPS (at most 13000 and 300 per GiB).
 */
export function volumeShape(
  fields: { size?: number; volumeType?: string; iops?: number },
  snapshot: SnapshotRecord | undefined,
  path: string,
): VolumeShape {
  const size = fields.size ?? snapshot?.volumeSize;
  if (size === undefined) throw errors.missingParameter(`${path}Size`);
  if (size < 1 || size > maxVolumeSizeGiB || (snapshot && size < snapshot.volumeSize)) {
    const why =
      snapshot && size < snapshot.volumeSize ? `It is smaller than the snapshot (${snapshot.volumeSize} GiB).` : '';
    throw errors.invalidParameterValue(`${path}Size`, size, '4078', why);
  }
  const volumeType = fields.volumeType ?? 'standard';
  if (!(volumeTypes as readonly string[]).includes(volumeType)) {
    throw errors.invalidParameterValue(`${path}VolumeType`, volumeType, '4073');
  }
  if (volumeType !== 'io1') {
    if (fields.iops !== undefined && volumeType === 'standard') {
      throw errors.invalidParameterValue(`${path}Iops`, fields.iops, '4029', 'IOPS apply to io1 volumes only.');
    }
    return { size, volumeType };
  }
  if (fields.iops === undefined) throw errors.missingParameter(`${path}Iops`);
  if (fields.iops < 100 || fields.iops > maxIops || fields.iops > size * maxIopsPerGiB) {
    throw errors.invalidParameterValue(`${path}Iops`, fields.iops, '4029');
  }
  return { size, volumeType, iops: fields.iops };
}
