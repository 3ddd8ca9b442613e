import type { Subnet } from '@osc-packer/oapi-client';
import { OutscaleBuildError } from './outscale-build-error';

function describeSubnets(subnets: readonly Subnet[]): string {
  return subnets
    .slice(0, 10)
    .map(
      (s) => `  ${s.SubnetId} in ${s.NetId} (${s.SubregionName}), ${s.IpRange}, ${s.AvailableIpsCount ?? '?'} free IPs`,
    )
    .join('\n');
}

/**
 * Picks the Subnet among those `subnet_filter` matched (Packer's rules): none is an error naming the
 * filters; several need `most_free` (most available IPs) or `random`, else an error listing them.
 */
export function chooseSubnet(
  subnets: readonly Subnet[],
  options: { mostFree: boolean; random: boolean; filters: unknown; pick?: () => number },
): Subnet {
  const filters = JSON.stringify(options.filters);
  if (subnets.length === 0) {
    throw new OutscaleBuildError('network', `no Subnets was found matching filters: ${filters}`);
  }
  if (subnets.length === 1) return subnets[0] as Subnet;
  if (options.mostFree) {
    return [...subnets].sort((a, b) => (b.AvailableIpsCount ?? 0) - (a.AvailableIpsCount ?? 0))[0] as Subnet;
  }
  if (options.random) {
    const index = Math.floor((options.pick ?? Math.random)() * subnets.length);
    return subnets[Math.min(index, subnets.length - 1)] as Subnet;
  }
  throw new OutscaleBuildError(
    'network',
    `your filter matched ${subnets.length} Subnets. Please try a more specific search, or set random or most_free to true. Filters: ${filters}; Subnets:\n${describeSubnets(subnets)}`,
  );
}
