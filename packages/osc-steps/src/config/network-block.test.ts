import { describe, expect, it } from 'vitest';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';
import { networkBlock } from './network-block';
import { netFilters, subnetFilters } from './network-filters';

describe('network block', () => {
  it.each([
    [
      'a net filter value that is not a boolean',
      { net_filter: { filters: { 'is-default': 'yes' } } },
      [{ path: 'net_filter.filters.is-default', message: 'must be true or false (got "yes")' }],
    ],
    [
      'a subnet filter count that is not a number',
      { subnet_filter: { filter: [{ name: 'available-ips-counts', value: 'many' }] } },
      [{ path: 'subnet_filter.filter[0].value', message: 'must be a whole number (got "many")' }],
    ],
    [
      'the filter names the Go plugin injected, written by a user',
      { subnet_filter: { filters: { state: 'available', 'vpc-id': 'vpc-1' } } },
      [
        {
          path: 'subnet_filter.filters.state',
          message:
            '"state" is not a filter of subnet_filter; did you mean "states"? accepted: available-ips-counts, ip-ranges, net-ids, states, subnet-ids, sub-region-names',
        },
        {
          path: 'subnet_filter.filters.vpc-id',
          message:
            '"vpc-id" is not a filter of subnet_filter; accepted: available-ips-counts, ip-ranges, net-ids, states, subnet-ids, sub-region-names',
        },
      ],
    ],
    [
      'an unknown ssh_interface',
      { ssh_interface: 'public-ip' },
      [
        {
          path: 'ssh_interface',
          message:
            'must be one of: public_ip, private_ip, public_dns, private_dns; did you mean "public_ip"? (got "public-ip")',
        },
      ],
    ],
    ['the compat net filter fragment', { net_filter: { filters: { 'is-default': 'false', 'ip-range': '/24' } } }, []],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(networkBlock, raw))).toEqual(issues);
  });

  it('accepts availability_zone as a deprecated alias and warns about ignored or conflicting choices', () => {
    const result = decodeBlock(networkBlock, {
      availability_zone: 'eu-west-2a',
      subnet_id: 'subnet-1',
      subnet_filter: { most_free: true, random: 'true' },
      net_id: 'vpc-1',
      net_filter: { filters: { state: 'available' } },
      associate_public_ip_address: 'true',
    });
    const value = decoded(result);
    expect(value.subregion_name).toBe('eu-west-2a');
    expect(value.associate_public_ip_address).toBe(true);
    expect(result.warnings).toEqual([
      'availability_zone: deprecated key; use "subregion_name" instead',
      'subnet_filter: ignored because subnet_id is set',
      'net_filter: ignored because net_id is set',
      'subnet_filter: most_free and random are both set; most_free wins',
    ]);
  });

  it('maps net_filter, restricted to available Nets unless a state is given', () => {
    const value = decoded(
      decodeBlock(networkBlock, { net_filter: { filters: { 'is-default': 'false', 'ip-range': '10.0.0.0/16' } } }),
    );
    expect(value.net_filter && netFilters(value.net_filter)).toEqual({
      States: ['available'],
      IsDefault: false,
      IpRanges: ['10.0.0.0/16'],
    });
    const pending = decoded(
      decodeBlock(networkBlock, { net_filter: { filter: [{ name: 'state', value: 'pending' }] } }),
    );
    expect(pending.net_filter && netFilters(pending.net_filter)).toEqual({ States: ['pending'] });
  });

  it('maps subnet_filter, restricted to available Subnets of the chosen Net and Subregion', () => {
    const value = decoded(
      decodeBlock(networkBlock, {
        subnet_filter: { filters: { 'available-ips-counts': '10', 'ip-ranges': '10.0.1.0/24' } },
      }),
    );
    const filter = value.subnet_filter;
    expect(filter && subnetFilters(filter, { netId: 'vpc-1', subregionName: 'eu-west-2a' })).toEqual({
      States: ['available'],
      NetIds: ['vpc-1'],
      SubregionNames: ['eu-west-2a'],
      AvailableIpsCounts: [10],
      IpRanges: ['10.0.1.0/24'],
    });
    const own = decoded(decodeBlock(networkBlock, { subnet_filter: { filters: { 'net-ids': 'vpc-2' } } }));
    expect(own.subnet_filter && subnetFilters(own.subnet_filter, { netId: 'vpc-1' })).toEqual({
      States: ['available'],
      NetIds: ['vpc-2'],
    });
  });
});
