import type { FiltersNet, FiltersSubnet } from '@osc-packer/oapi-client';
import { mergeFilters, parseFilterBoolean } from './name-value-filter';
import { type NetworkConfig, netFilterKeys, subnetFilterKeys } from './network-block';

type NetFilter = NonNullable<NetworkConfig['net_filter']>;
type SubnetFilter = NonNullable<NetworkConfig['subnet_filter']>;

/**
 * The ReadNets filters of `net_filter`. Only available Nets are considered unless the filter names a `state`
 * (the Go plugin meant to add this constraint but added it too late to have any effect).
 */
export function netFilters(filter: NetFilter): FiltersNet {
  const out: FiltersNet = { States: ['available'] };
  for (const [name, value] of Object.entries(mergeFilters(filter, netFilterKeys))) {
    if (name === 'is-default') out.IsDefault = parseFilterBoolean(value) ?? false;
    else {
      const field = netFilterKeys[name as keyof typeof netFilterKeys].field as Exclude<keyof FiltersNet, 'IsDefault'>;
      out[field] = [value];
    }
  }
  return out;
}

/** The Net and Subregion already chosen when the Subnet is looked up. */
export interface SubnetScope {
  netId?: string | undefined;
  subregionName?: string | undefined;
}

/**
 * The ReadSubnets filters of `subnet_filter`, restricted to available Subnets of the chosen Net and Subregion
 * unless the filter sets those itself (the Go plugin's restriction used unmapped names and had no effect).
 */
export function subnetFilters(filter: SubnetFilter, scope: SubnetScope = {}): FiltersSubnet {
  const out: FiltersSubnet = { States: ['available'] };
  if (scope.netId) out.NetIds = [scope.netId];
  if (scope.subregionName) out.SubregionNames = [scope.subregionName];
  for (const [name, value] of Object.entries(mergeFilters(filter, subnetFilterKeys))) {
    if (name === 'available-ips-counts') out.AvailableIpsCounts = [Number.parseInt(value, 10)];
    else {
      const key = subnetFilterKeys[name as keyof typeof subnetFilterKeys];
      out[key.field as Exclude<keyof FiltersSubnet, 'AvailableIpsCounts'>] = [value];
    }
  }
  return out;
}
