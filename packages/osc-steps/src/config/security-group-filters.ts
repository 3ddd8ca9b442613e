import type { FiltersSecurityGroup } from '@osc-packer/oapi-client';
import { mergeFilters } from './name-value-filter';
import { type SecurityGroupConfig, securityGroupFilterKeys } from './security-group-block';

type SecurityGroupFilter = NonNullable<SecurityGroupConfig['security_group_filter']>;

/**
 * The ReadSecurityGroups filters of `security_group_filter` (one value per filter; `tags` takes `KEY=VALUE`),
 * restricted to the build's Net when one is known, since a group of another Net cannot be attached.
 */
export function securityGroupFilters(
  filter: SecurityGroupFilter,
  scope: { netId?: string } = {},
): FiltersSecurityGroup {
  const out: FiltersSecurityGroup = {};
  if (scope.netId) out.NetIds = [scope.netId];
  for (const [name, value] of Object.entries(mergeFilters(filter, securityGroupFilterKeys))) {
    out[securityGroupFilterKeys[name as keyof typeof securityGroupFilterKeys].field] = [value];
  }
  return out;
}
