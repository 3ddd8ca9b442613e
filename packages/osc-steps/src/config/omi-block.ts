import {
  type ConfigReporter,
  configBlock,
  stringMap,
  weakBoolean,
  weakString,
  weakStringList,
} from '@osc-packer/builder-core';
import { z } from 'zod';
import { omiNameProblems } from '../omi/omi-name-rules';
import { bootModes } from './vm-launch-block';

const accountId = z.string().superRefine((text, ctx) => {
  if (!/^\d{12}$/.test(text)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be an Outscale account id: 12 digits (got ${JSON.stringify(text)})`,
    });
  }
});

const omiSchema = z.strictObject({
  omi_name: weakString().describe(
    "Name of the new OMI: 3 to 128 bytes of letters, digits, spaces and `()[]./-'@_` (use `{{ clean_resource_name ... }}`). Must be unique in the account. Required.",
  ),
  omi_description: weakString()
    .optional()
    .describe('Description of the new OMI. Rendered during the build: `{{ .SourceOMIName }}`... are available.'),
  omi_account_ids: weakStringList(z.array(accountId))
    .optional()
    .describe(
      'Accounts allowed to launch the OMI; they also get permission to create volumes from its snapshots. Alias: `ami_users` (deprecated).',
    ),
  global_permission: weakBoolean()
    .default(false)
    .describe('Make the OMI public (its snapshots stay private). Default `false`.'),
  snapshot_account_ids: weakStringList(z.array(accountId))
    .optional()
    .describe(
      "More accounts allowed to create volumes from the OMI's snapshots. Alias: `snapshot_users` (deprecated).",
    ),
  product_codes: weakStringList()
    .optional()
    .describe('Product codes of the OMI (billing). Alias: `omi_product_codes` (deprecated).'),
  omi_groups: weakStringList()
    .optional()
    .describe(
      'Compatibility with the AWS-style key: only `["all"]` is accepted, meaning `global_permission: true` (Outscale has no user groups).',
    ),
  omi_boot_modes: weakStringList(z.array(z.enum(bootModes)))
    .optional()
    .describe('Boot modes the OMI supports: `legacy`, `uefi`; default: those of the source OMI.'),
  omi_regions: weakStringList()
    .optional()
    .describe(
      'Not supported: Outscale has no cross-Region OMI copy call; listing another Region is an error (the build Region itself is ignored with a warning).',
    ),
  tags: stringMap()
    .optional()
    .describe(
      'Tags of the OMI and its snapshots. Rendered during the build: `{{ .SourceOMI }}`, `{{ .SourceOMIName }}`, `{{ .SourceOMITags.Key }}`, `{{ .BuildRegion }}`...',
    ),
  snapshot_tags: stringMap()
    .optional()
    .describe("More tags of the OMI's snapshots (win over `tags`). Rendered during the build, like `tags`."),
  force_deregister: weakBoolean()
    .default(false)
    .describe(
      "Delete this account's OMIs named `omi_name` before creating the new one. `-force` sets it. Default `false`.",
    ),
  force_delete_snapshot: weakBoolean()
    .default(false)
    .describe('With `force_deregister`, also delete the snapshots of the deleted OMIs. Default `false`.'),
  root_device_name: weakString()
    .optional()
    .describe(
      'Root device of an OMI registered from snapshots, e.g. `/dev/sda1`. osc-bsu ignores it (its OMI keeps the VM root device, with `omi_block_device_mappings` too).',
    ),
  skip_region_validation: weakBoolean()
    .default(false)
    .describe('Accepted for compatibility; has no effect (an unknown Region fails at the first API call).'),
});

/** The decoded OMI keys. */
export type OmiConfig = z.output<typeof omiSchema>;

/**
 * The new OMI (§2.1.4 of the reference): name, description, sharing, product codes, boot modes, tags, and what
 * to do with an existing OMI of the same name. The AWS-era names (`ami_name`, `ami_users`...) and the names of
 * older docs (`snapshot_users`, `omi_product_codes`) are deprecated aliases.
 */
export const omiBlock = configBlock('OMI', omiSchema, {
  aliases: {
    ami_name: 'omi_name',
    ami_description: 'omi_description',
    ami_users: 'omi_account_ids',
    snapshot_users: 'snapshot_account_ids',
    ami_groups: 'omi_groups',
    omi_product_codes: 'product_codes',
    ami_product_codes: 'product_codes',
    ami_regions: 'omi_regions',
  },
  deferred: ['omi_description', 'tags', 'snapshot_tags'],
  check: checkOmi,
});

function checkOmi(value: OmiConfig, report: ConfigReporter): void {
  if (value.omi_name.trim() === '') report.issue('omi_name', 'omi_name must be specified');
  else for (const problem of omiNameProblems(value.omi_name)) report.issue('omi_name', problem);
  for (const [index, group] of (value.omi_groups ?? []).entries()) {
    if (group !== 'all') {
      report.issue(
        `omi_groups[${index}]`,
        `Outscale has no user groups: only "all" (everyone, as global_permission: true) is accepted (got "${group}")`,
      );
    }
  }
  if (value.omi_groups?.includes('all')) {
    report.warn('omi_groups: ["all"] is read as global_permission: true; write global_permission instead');
  }
  if (value.skip_region_validation) {
    report.warn('skip_region_validation: has no effect (an unknown Region fails at the first API call)');
  }
}

/** Who may use the new OMI and its snapshots, with the compatibility keys folded in. */
export interface OmiSharing {
  /** Launch permission (`UpdateImage`). */
  accountIds: string[];
  /** Public launch permission: `global_permission`, or `omi_groups: ["all"]`. */
  globalPermission: boolean;
  /** Create-volume permission on the snapshots (`UpdateSnapshot`): `omi_account_ids` plus `snapshot_account_ids`. */
  snapshotAccountIds: string[];
}

/**
 * The sharing the build applies. Snapshots get the OMI's accounts as in Packer's plugin (so the shared OMI is
 * usable), plus `snapshot_account_ids`, which the Go plugin accepted but never applied. Snapshots are never
 * made public.
 */
export function omiSharing(config: OmiConfig): OmiSharing {
  const accountIds = [...new Set(config.omi_account_ids ?? [])];
  return {
    accountIds,
    globalPermission: config.global_permission || (config.omi_groups?.includes('all') ?? false),
    snapshotAccountIds: [...new Set([...accountIds, ...(config.snapshot_account_ids ?? [])])],
  };
}
