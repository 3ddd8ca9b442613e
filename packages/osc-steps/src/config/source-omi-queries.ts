import type { FiltersImage } from '@osc-packer/oapi-client';
import { mergeFilters } from './name-value-filter';
import { omiFilterKeys, type SourceOmiConfig } from './source-omi-block';

/** What the source OMI lookup knows at run time. */
export interface SourceOmiQueryOptions {
  /** The account of the credentials (ReadAccounts), for the `self` owner. */
  ownAccountId?: string;
}

/** True when `owners` names `self`: the lookup must first read the account id of the credentials. */
export function ownersIncludeSelf(config: SourceOmiConfig): boolean {
  return config.source_omi_filter?.owners?.includes('self') ?? false;
}

const accountId = /^\d+$/;

/**
 * The ReadImages filters that find the source OMI: `source_omi` as an image id, every filter of
 * `source_omi_filter` (one value each, wildcards evaluated by the API) and the owners. OAPI combines filter
 * fields with AND, so owners that mix account ids and aliases give one query per kind: run each and merge
 * the images found (by ImageId). Throws when `owners` has `self` and no `ownAccountId` is given.
 */
export function sourceOmiQueries(config: SourceOmiConfig, options: SourceOmiQueryOptions = {}): FiltersImage[] {
  const base: FiltersImage = {};
  const filter = config.source_omi_filter;
  if (filter) {
    for (const [name, value] of Object.entries(mergeFilters(filter, omiFilterKeys))) {
      const key = omiFilterKeys[name as keyof typeof omiFilterKeys];
      // Outscale calls the root device type "bsu"; documentation examples copied from AWS say "ebs".
      const sent = name === 'root-device-type' && value.toLowerCase() === 'ebs' ? 'bsu' : value;
      base[key.field] = [sent];
    }
  }
  if (config.source_omi) base.ImageIds = [config.source_omi];
  const owners = filter?.owners ?? [];
  if (owners.length === 0) return [base];
  const ids: string[] = [];
  const aliases: string[] = [];
  for (const owner of owners) {
    if (owner === 'self') {
      if (!options.ownAccountId) throw new Error('sourceOmiQueries: owners has "self" but no ownAccountId was given');
      ids.push(options.ownAccountId);
    } else if (accountId.test(owner)) ids.push(owner);
    else aliases.push(owner);
  }
  const queries: FiltersImage[] = [];
  if (ids.length > 0) queries.push({ ...base, AccountIds: [...new Set(ids)] });
  if (aliases.length > 0) queries.push({ ...base, AccountAliases: [...new Set(aliases)] });
  return queries;
}
