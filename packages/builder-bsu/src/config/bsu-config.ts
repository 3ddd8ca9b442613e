import { type CommunicatorConfig, type ConfigReporter, composeConfig } from '@osc-packer/builder-core';
import {
  type AccessConfig,
  accessBlock,
  checkForceOptions,
  checkOmiRegions,
  type LaunchBlockDevicesConfig,
  launchBlockDevicesBlock,
  type OmiBlockDevicesConfig,
  type OmiConfig,
  omiBlock,
  omiBlockDevicesBlock,
  outscaleCommunicatorBlock,
  type RunConfig,
  runConfigBlocks,
} from '@osc-packer/osc-steps';
import type { z } from 'zod';
import { bsuBlock } from './bsu-block';

/**
 * Every key of osc-bsu: access, source OMI, network, security group, VM launch, launch and OMI block devices,
 * OMI, communicator, and its own (`run_volume_tags`, `skip_create_omi`).
 */
export const bsuConfigSpec = composeConfig(
  'osc-bsu builder',
  accessBlock,
  ...runConfigBlocks,
  launchBlockDevicesBlock,
  omiBlock,
  omiBlockDevicesBlock,
  outscaleCommunicatorBlock,
  bsuBlock,
);

/** The fields osc-bsu renders during the build, with build data, instead of at prepare. */
export const bsuDeferredFields: readonly string[] = bsuConfigSpec.deferred;

/** A prepared osc-bsu configuration: read-only; durations in milliseconds; `-force` folded into force_deregister. */
export type BsuConfig = AccessConfig &
  RunConfig &
  LaunchBlockDevicesConfig &
  OmiConfig &
  OmiBlockDevicesConfig &
  CommunicatorConfig &
  z.output<typeof bsuBlock.schema>;

/** The rules between blocks of osc-bsu, run on a decoded configuration. */
export function checkBsuRules(config: BsuConfig, report: ConfigReporter): void {
  // The OMI is made from the VM (with omi_block_device_mappings as extra or changed devices), so its root
  // device is the VM's: unlike the Go plugin, which registered the mappings alone and needed a root device.
  if (config.root_device_name) {
    report.warn("root_device_name: has no effect in osc-bsu; the OMI keeps the VM's root device");
  }
  if (config.shutdown_behavior === 'terminate') {
    report.issue(
      'shutdown_behavior',
      'terminate is not supported by osc-bsu: the OMI is made from the stopped VM, and a VM that terminates when it shuts down is gone (with its root volume) before that; use "stop", or osc-bsusurrogate',
    );
  }
  if (config.skip_create_omi) {
    const omiKeys = [
      'omi_description',
      'omi_account_ids',
      'snapshot_account_ids',
      'product_codes',
      'tags',
      'snapshot_tags',
    ];
    const inert = omiKeys.filter((key) => config[key as keyof BsuConfig] !== undefined);
    if (config.global_permission) inert.push('global_permission');
    if (inert.length > 0) report.warn(`skip_create_omi: no OMI is created, so ${inert.join(', ')} have no effect`);
  }
  checkOmiRegions(config, report);
  checkForceOptions(config, report);
}
