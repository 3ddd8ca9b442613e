import { configBlock, weakBoolean, weakString, weakStringList } from '@osc-packer/builder-core';
import { z } from 'zod';
import { type FilterKeys, filterSpellingWarnings, mergeFilters, nameValueFilterSchema } from './name-value-filter';

/** The filter names of `source_omi_filter` and the ReadImages filter each one sets. */
export const omiFilterKeys = {
  'account-alias': { field: 'AccountAliases' },
  'account-id': { field: 'AccountIds' },
  architecture: { field: 'Architectures' },
  'image-id': { field: 'ImageIds' },
  'image-name': { field: 'ImageNames' },
  'virtualization-type': { field: 'VirtualizationTypes' },
  'root-device-type': { field: 'RootDeviceTypes' },
  // The data source's documentation filters on `name`; Packer's plugin silently dropped it.
  name: { field: 'ImageNames', canonical: 'image-name' },
} as const satisfies FilterKeys;

const omiFilterSchema = nameValueFilterSchema('source_omi_filter', omiFilterKeys, {
  owners: weakStringList()
    .optional()
    .describe(
      'Accounts the OMI must belong to: account ids (12 digits) or aliases (`Outscale`); `self` is the account of the credentials. Required unless `source_omi` is set.',
    ),
  most_recent: weakBoolean()
    .default(false)
    .describe('Take the newest OMI when several match (by creation date) instead of failing. Default `false`.'),
});

/**
 * Where the source OMI comes from: `source_omi` (an id) and/or `source_omi_filter`. With both, the OMI must
 * match both (the Go plugin silently dropped the id). Unknown filter names are errors, not ignored.
 */
export const sourceOmiBlock = configBlock(
  'Source OMI',
  z.strictObject({
    source_omi: weakString()
      .optional()
      .describe('Id of the OMI to launch (`ami-xxxxxxxx`). One of `source_omi` and `source_omi_filter` is required.'),
    source_omi_filter: omiFilterSchema
      .optional()
      .describe('Finds the OMI to launch by filters and owners (see the keys below).'),
  }),
  {
    check(value, report) {
      const filter = value.source_omi_filter;
      if (!value.source_omi && !filter) {
        report.issue('source_omi', 'a source_omi or source_omi_filter must be specified');
        return;
      }
      if (!filter) return;
      const merged = mergeFilters(filter, omiFilterKeys);
      if (!value.source_omi && !filter.owners?.length) {
        report.issue(
          'source_omi_filter.owners',
          'for security reasons, your source OMI filter must declare an owner (account ids or aliases such as "Outscale")',
        );
      }
      if (filter.owners?.length && (merged['account-id'] || merged['account-alias'])) {
        report.issue('source_omi_filter.owners', 'set either owners or the account-id/account-alias filters, not both');
      }
      if (value.source_omi && merged['image-id']) {
        report.issue('source_omi_filter', 'set either source_omi or the image-id filter, not both');
      }
      for (const warning of filterSpellingWarnings(filter, omiFilterKeys, 'source_omi_filter')) report.warn(warning);
      if (merged['root-device-type']?.toLowerCase() === 'ebs') {
        report.warn('source_omi_filter: root-device-type "ebs" is the AWS name; Outscale OMIs are "bsu", used instead');
      }
    },
  },
);

/** The decoded source OMI keys. */
export type SourceOmiConfig = z.output<typeof sourceOmiBlock.schema>;

/** A decoded `source_omi_filter`. */
export type OmiFilterConfig = NonNullable<SourceOmiConfig['source_omi_filter']>;
