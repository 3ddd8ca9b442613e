import { describe, expect, it } from 'vitest';
import { chooseSubnet } from './subnet-choice';

const subnets = [
  { SubnetId: 'subnet-a', NetId: 'vpc-1', SubregionName: 'eu-west-2a', IpRange: '10.0.1.0/24', AvailableIpsCount: 12 },
  { SubnetId: 'subnet-b', NetId: 'vpc-1', SubregionName: 'eu-west-2b', IpRange: '10.0.2.0/24', AvailableIpsCount: 250 },
];
const filters = { NetIds: ['vpc-1'], States: ['available'] };

describe('chooseSubnet', () => {
  it('takes the only match, the freest with most_free, a random one with random', () => {
    expect(chooseSubnet(subnets.slice(0, 1), { mostFree: false, random: false, filters }).SubnetId).toBe('subnet-a');
    expect(chooseSubnet(subnets, { mostFree: true, random: true, filters }).SubnetId).toBe('subnet-b');
    expect(chooseSubnet(subnets, { mostFree: false, random: true, filters, pick: () => 0.1 }).SubnetId).toBe(
      'subnet-a',
    );
    expect(chooseSubnet(subnets, { mostFree: false, random: true, filters, pick: () => 0.99 }).SubnetId).toBe(
      'subnet-b',
    );
  });

  it('explains none and too many, with the filters and the Subnets', () => {
    expect(() => chooseSubnet([], { mostFree: false, random: false, filters })).toThrow(
      'no Subnets was found matching filters: {"NetIds":["vpc-1"],"States":["available"]}',
    );
    expect(() => chooseSubnet(subnets, { mostFree: false, random: false, filters })).toThrow(
      /your filter matched 2 Subnets\. .*\n {2}subnet-a in vpc-1 \(eu-west-2a\), 10\.0\.1\.0\/24, 12 free IPs/s,
    );
  });
});
