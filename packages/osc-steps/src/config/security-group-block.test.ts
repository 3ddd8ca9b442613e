import { describe, expect, it } from 'vitest';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';
import { cidrProblem, securityGroupBlock, securityGroupIds, temporarySecurityGroupCidrs } from './security-group-block';
import { securityGroupFilters } from './security-group-filters';

const openWarning =
  'the temporary security group lets anyone (0.0.0.0/0) reach the communicator port; set temporary_security_group_source_cidrs to a narrower range, e.g. your public IP as x.x.x.x/32';

describe('security group block', () => {
  it.each([
    [
      'both id forms',
      { security_group_id: 'sg-1', security_group_ids: ['sg-2'] },
      [{ path: 'security_group_id', message: 'only one of security_group_id or security_group_ids can be specified' }],
    ],
    [
      "an invalid single CIDR (Packer's message)",
      { temporary_security_group_source_cidr: '10.0.0.300/8' },
      [
        {
          path: 'temporary_security_group_source_cidr',
          message:
            'error parsing temporary_security_group_source_cidr: invalid CIDR address: 10.0.0.300/8 (write an IPv4 range such as 203.0.113.7/32)',
        },
      ],
    ],
    [
      'an invalid CIDR in the list, at its index',
      { temporary_security_group_source_cidrs: '203.0.113.7/32, 198.51.100.0' },
      [
        {
          path: 'temporary_security_group_source_cidrs[1]',
          message: 'invalid CIDR address: 198.51.100.0 (write an IPv4 range such as 203.0.113.7/32)',
        },
      ],
    ],
    [
      'both CIDR forms',
      { temporary_security_group_source_cidr: '10.0.0.0/8', temporary_security_group_source_cidrs: ['10.0.0.0/8'] },
      [
        {
          path: 'temporary_security_group_source_cidr',
          message: 'set either temporary_security_group_source_cidr or temporary_security_group_source_cidrs, not both',
        },
      ],
    ],
    [
      'an unknown filter name',
      { security_group_filter: { filters: { 'group-name': 'x' } } },
      [
        {
          path: 'security_group_filter.filters.group-name',
          message:
            '"group-name" is not a filter of security_group_filter; accepted: security_group_ids, security_group_names, tag_keys, tag_values, tags',
        },
      ],
    ],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(securityGroupBlock, raw))).toEqual(issues);
  });

  it.each([
    ['0.0.0.0/0', undefined],
    ['203.0.113.7/32', undefined],
    ['10.0.0.0/33', 'invalid CIDR address: 10.0.0.0/33 (write an IPv4 range such as 203.0.113.7/32)'],
    ['2001:db8::/32', 'invalid CIDR address: 2001:db8::/32 (write an IPv4 range such as 203.0.113.7/32)'],
    ['10.0.0.0/8/1', 'invalid CIDR address: 10.0.0.0/8/1 (write an IPv4 range such as 203.0.113.7/32)'],
  ])('cidrProblem(%s)', (cidr, problem) => {
    expect(cidrProblem(cidr)).toBe(problem);
  });

  it('defaults to 0.0.0.0/0 as Packer, with a warning suggesting a narrower range', () => {
    const result = decodeBlock(securityGroupBlock, {});
    expect(result.warnings).toEqual([openWarning]);
    expect(temporarySecurityGroupCidrs(decoded(result))).toEqual(['0.0.0.0/0']);
  });

  it('uses the list, or the single range', () => {
    const list = decodeBlock(securityGroupBlock, {
      temporary_security_group_source_cidrs: ['203.0.113.7/32', '10.0.0.0/8'],
    });
    expect(list.warnings).toEqual([]);
    expect(temporarySecurityGroupCidrs(decoded(list))).toEqual(['203.0.113.7/32', '10.0.0.0/8']);
    const single = decoded(decodeBlock(securityGroupBlock, { temporary_security_group_source_cidr: '203.0.113.7/32' }));
    expect(temporarySecurityGroupCidrs(single)).toEqual(['203.0.113.7/32']);
  });

  it('folds security_group_id into the list and says when the temporary group settings are unused', () => {
    const result = decodeBlock(securityGroupBlock, {
      security_group_id: 'sg-1',
      security_group_filter: { filters: { tag_keys: 'packer' } },
      temporary_security_group_source_cidr: '10.0.0.0/8',
    });
    expect(securityGroupIds(decoded(result))).toEqual(['sg-1']);
    expect(result.warnings).toEqual([
      'security_group_filter: ignored because security_group_id(s) is set',
      'temporary_security_group_source_cidr(s): no effect, existing security groups are used',
    ]);
  });

  it('maps security_group_filter, restricted to the build Net', () => {
    const value = decoded(
      decodeBlock(securityGroupBlock, {
        security_group_filter: {
          filters: { security_group_names: 'packer-*' },
          filter: [{ name: 'tags', value: 'env=ci' }],
        },
      }),
    );
    expect(
      value.security_group_filter && securityGroupFilters(value.security_group_filter, { netId: 'vpc-1' }),
    ).toEqual({
      NetIds: ['vpc-1'],
      SecurityGroupNames: ['packer-*'],
      Tags: ['env=ci'],
    });
    expect(securityGroupIds(value)).toBeUndefined();
  });
});
