import type { BootMode, CreateImageRequest } from '@osc-packer/oapi-client';
import { omiBlockDeviceMappings } from '../config/block-device-mappings';
import type { OmiBlockDevicesConfig } from '../config/block-devices-block';
import type { OmiConfig } from '../config/omi-block';

/** The OMI keys CreateImage reads. */
export type CreateImageConfig = Pick<OmiConfig, 'omi_name' | 'product_codes' | 'omi_boot_modes'> &
  OmiBlockDevicesConfig;

const isBootMode = (mode: string): mode is BootMode => mode === 'legacy' || mode === 'uefi';

/**
 * The CreateImage request of the new OMI: always made from the provisioned VM (`VmId`). With
 * `omi_block_device_mappings`, the mappings go along (as in Packer's amazon builders): a mapping naming one
 * of the VM's devices changes what the OMI records for it (size, type, delete flag), another adds a device
 * to the OMI (from a snapshot, or blank). The Go plugin instead registered an OMI from the mappings' snapshots
 * alone, without `VmId`, so the provisioned VM was never captured (reference §9.9); `root_device_name` is
 * then not sent (the root is the VM's).
 */
export function createImageRequest(
  config: CreateImageConfig,
  options: { vmId: string; description: string | undefined },
): CreateImageRequest {
  const mappings = omiBlockDeviceMappings(config.omi_block_device_mappings ?? []);
  return {
    ImageName: config.omi_name,
    VmId: options.vmId,
    ...(options.description ? { Description: options.description } : {}),
    ...(config.product_codes?.length ? { ProductCodes: [...config.product_codes] } : {}),
    ...(config.omi_boot_modes?.length ? { BootModes: config.omi_boot_modes.filter(isBootMode) } : {}),
    ...(mappings.length > 0 ? { BlockDeviceMappings: mappings } : {}),
  };
}
