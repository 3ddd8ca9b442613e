import { configBlock } from '@osc-packer/builder-core';
import { z } from 'zod';
import { duplicateDeviceIssues, launchBlockDeviceSchema, omiBlockDeviceSchema } from './block-device-entry';

/**
 * The volumes of the build VM (`launch_block_device_mappings`): override the source OMI's root (size, type),
 * add volumes, attach ephemeral devices, or remove inherited devices (`no_device`).
 */
export const launchBlockDevicesBlock = configBlock(
  'Launch block devices',
  z.strictObject({
    launch_block_device_mappings: z
      .array(launchBlockDeviceSchema)
      .optional()
      .describe('Volumes of the build VM (`CreateVms.BlockDeviceMappings`); keys below.'),
  }),
  {
    aliases: { 'launch_block_device_mappings[].delete_on_termination': 'delete_on_vm_deletion' },
    check(value, report) {
      const entries = value.launch_block_device_mappings ?? [];
      for (const issue of duplicateDeviceIssues('launch_block_device_mappings', entries)) {
        report.issue(issue.path, issue.message);
      }
    },
  },
);

/** The decoded `launch_block_device_mappings`. */
export type LaunchBlockDevicesConfig = z.output<typeof launchBlockDevicesBlock.schema>;

/**
 * The block devices recorded in the new OMI (`omi_block_device_mappings`), e.g. extra volumes or ephemeral
 * devices every VM launched from it gets. `ami_block_device_mappings` (the AWS-era name) is a deprecated alias.
 */
export const omiBlockDevicesBlock = configBlock(
  'OMI block devices',
  z.strictObject({
    omi_block_device_mappings: z
      .array(omiBlockDeviceSchema)
      .optional()
      .describe(
        'Block devices of the new OMI (`CreateImage.BlockDeviceMappings`); keys below. Alias: `ami_block_device_mappings` (deprecated).',
      ),
  }),
  {
    aliases: {
      ami_block_device_mappings: 'omi_block_device_mappings',
      'omi_block_device_mappings[].delete_on_termination': 'delete_on_vm_deletion',
      'ami_block_device_mappings[].delete_on_termination': 'delete_on_vm_deletion',
    },
    check(value, report) {
      const entries = value.omi_block_device_mappings ?? [];
      for (const issue of duplicateDeviceIssues('omi_block_device_mappings', entries)) {
        report.issue(issue.path, issue.message);
      }
    },
  },
);

/** The decoded `omi_block_device_mappings`. */
export type OmiBlockDevicesConfig = z.output<typeof omiBlockDevicesBlock.schema>;

/**
 * Deprecated names of the bsuvolume builder's `bsu_volumes` keys: `ebs_volumes` (its documentation's name) and
 * `delete_on_termination`. For that builder's block, with `bsuVolumeSchema` as the entry schema.
 */
export const bsuVolumeAliases: Readonly<Record<string, string>> = {
  ebs_volumes: 'bsu_volumes',
  'bsu_volumes[].delete_on_termination': 'delete_on_vm_deletion',
  'ebs_volumes[].delete_on_termination': 'delete_on_vm_deletion',
};
