import type { CreateVmsRequest } from '@osc-packer/oapi-client';
import { launchBlockDeviceMappings } from '../config/block-device-mappings';
import type { LaunchBlockDevicesConfig } from '../config/block-devices-block';
import type { VmLaunchConfig } from '../config/vm-launch-block';
import type { OscBuildState } from './osc-build-state';

/** The launch keys CreateVms reads. */
export type VmRequestConfig = Pick<VmLaunchConfig, 'vm_type' | 'bsu_optimized' | 'boot_mode' | 'shutdown_behavior'> &
  LaunchBlockDevicesConfig;

/** What the earlier steps decided. */
export type VmRequestState = Pick<
  OscBuildState,
  'sourceImage' | 'subnetId' | 'subregionName' | 'keypairName' | 'securityGroupIds'
>;

/**
 * The CreateVms request of the source VM: one VM of the source OMI with its type, block devices, boot mode,
 * shutdown behaviour, and only what is known of placement, Subnet and key pair (the Go plugin sent an empty
 * `SubnetId`). `ClientToken` makes the create idempotent across retries and lets a killed build's VM be
 * found again.
 */
export function createVmsRequest(
  config: VmRequestConfig,
  state: VmRequestState,
  options: { clientToken: string; userData?: string | undefined },
): CreateVmsRequest {
  const imageId = state.sourceImage?.ImageId;
  if (!imageId) throw new Error('createVmsRequest: the source OMI is not known');
  const mappings = launchBlockDeviceMappings(config.launch_block_device_mappings ?? []);
  return {
    ImageId: imageId,
    VmType: config.vm_type,
    MinVmsCount: 1,
    MaxVmsCount: 1,
    ClientToken: options.clientToken,
    BsuOptimized: config.bsu_optimized,
    VmInitiatedShutdownBehavior: config.shutdown_behavior,
    ...(mappings.length > 0 ? { BlockDeviceMappings: mappings } : {}),
    ...(config.boot_mode ? { BootMode: config.boot_mode } : {}),
    ...(state.subregionName ? { Placement: { SubregionName: state.subregionName } } : {}),
    ...(state.keypairName ? { KeypairName: state.keypairName } : {}),
    ...(state.subnetId ? { SubnetId: state.subnetId } : {}),
    ...(state.securityGroupIds?.length ? { SecurityGroupIds: [...state.securityGroupIds] } : {}),
    ...(options.userData ? { UserData: options.userData } : {}),
  };
}

/** The VM tags: `run_tags` as rendered, with `Name: Packer Builder` unless a Name is given. */
export function vmTags(runTags: Readonly<Record<string, string>>): Record<string, string> {
  return { Name: 'Packer Builder', ...runTags };
}
