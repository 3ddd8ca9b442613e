import type { BlockDeviceMappingImage, BlockDeviceMappingVmCreation, BsuToCreate } from '@osc-packer/oapi-client';

/** The keys of a decoded block device entry of any list (launch, OMI, bsu_volumes). */
export interface BlockDeviceEntry {
  device_name: string;
  volume_type?: string | undefined;
  volume_size?: number | undefined;
  iops?: number | undefined;
  snapshot_id?: string | undefined;
  delete_on_vm_deletion: boolean;
  no_device?: boolean | undefined;
  virtual_name?: string | undefined;
}

/**
 * The BSU part of an entry: `DeleteOnVmDeletion` always (Packer's default is `false`, the API's `true`), the
 * type only when set (the Go plugin sent an empty one), the size only when positive, IOPS (validated to be an
 * io1 volume's), and the snapshot only when set.
 */
export function bsuToCreate(entry: BlockDeviceEntry): BsuToCreate {
  const bsu: BsuToCreate = { DeleteOnVmDeletion: entry.delete_on_vm_deletion };
  if (entry.volume_type) bsu.VolumeType = entry.volume_type;
  if (entry.volume_size !== undefined && entry.volume_size > 0) bsu.VolumeSize = entry.volume_size;
  if (entry.iops !== undefined) bsu.Iops = entry.iops;
  if (entry.snapshot_id) bsu.SnapshotId = entry.snapshot_id;
  return bsu;
}

/**
 * `CreateVms.BlockDeviceMappings` from `launch_block_device_mappings` (or `bsu_volumes`): a removed device
 * sends `NoDevice: ""`, an ephemeral one its `VirtualDeviceName`, any other a BSU volume.
 */
export function launchBlockDeviceMappings(entries: readonly BlockDeviceEntry[] = []): BlockDeviceMappingVmCreation[] {
  return entries.map((entry) => {
    if (entry.no_device) return { DeviceName: entry.device_name, NoDevice: '' };
    if (entry.virtual_name) return { DeviceName: entry.device_name, VirtualDeviceName: entry.virtual_name };
    return { DeviceName: entry.device_name, Bsu: bsuToCreate(entry) };
  });
}

/** `CreateImage.BlockDeviceMappings` from `omi_block_device_mappings`: BSU volumes and ephemeral devices. */
export function omiBlockDeviceMappings(entries: readonly BlockDeviceEntry[] = []): BlockDeviceMappingImage[] {
  return entries.map((entry) => {
    if (entry.virtual_name) return { DeviceName: entry.device_name, VirtualDeviceName: entry.virtual_name };
    return { DeviceName: entry.device_name, Bsu: bsuToCreate(entry) };
  });
}
