import { isIPv4 } from 'node:net';
import { type ConfigReporter, configBlock, weakString, weakStringList } from '@osc-packer/builder-core';
import { z } from 'zod';
import { type FilterKeys, nameValueFilterSchema } from './name-value-filter';

/** The filter names of `security_group_filter` (underscore style, as Packer's plugin) and their ReadSecurityGroups field. */
export const securityGroupFilterKeys = {
  security_group_ids: { field: 'SecurityGroupIds' },
  security_group_names: { field: 'SecurityGroupNames' },
  tag_keys: { field: 'TagKeys' },
  tag_values: { field: 'TagValues' },
  tags: { field: 'Tags' },
} as const satisfies FilterKeys;

/** The source range of the temporary security group's rule when none is set (Packer's default). */
export const defaultSourceCidr = '0.0.0.0/0';

/** Why `text` is not an IPv4 CIDR block, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  const [address, bits, extra] = text.split('/');
  const prefix = Number(bits);
  const valid =
    extra === undefined && address !== undefined && isIPv4(address) && /^\d{1,2}$/.test(bits ?? '') && prefix <= 32;
  return valid ? undefined : `invalid CIDR address: ${text} (write an IPv4 range such as 203.0.113.7/32)`;
}

const securityGroupSchema = z.strictObject({
  security_group_id: weakString()
    .optional()
    .describe('Existing security group to use instead of a temporary one. Not with `security_group_ids`.'),
  security_group_ids: weakStringList()
    .optional()
    .describe('Existing security groups to use instead of a temporary one; all must exist.'),
  security_group_filter: nameValueFilterSchema('security_group_filter', securityGroupFilterKeys, {})
    .optional()
    .describe('Finds existing security groups (all that match are used) when no id is set.'),
  temporary_security_group_source_cidr: weakString()
    .optional()
    .describe('One IPv4 range allowed to reach the communicator port of the temporary security group.'),
  temporary_security_group_source_cidrs: weakStringList()
    .optional()
    .describe(
      'IPv4 ranges allowed to reach the communicator port of the temporary security group. Default `["0.0.0.0/0"]` (anywhere: narrow it).',
    ),
});

/** The decoded security group keys. */
export type SecurityGroupConfig = z.output<typeof securityGroupSchema>;

/**
 * Which security groups the VM gets: existing ones (by id or filter) or a temporary group, created for the
 * build, whose only rule allows the communicator port from `temporary_security_group_source_cidrs`.
 */
export const securityGroupBlock = configBlock('Security group', securityGroupSchema, { check: checkSecurityGroups });

function checkSecurityGroups(value: SecurityGroupConfig, report: ConfigReporter): void {
  if (value.security_group_id && value.security_group_ids?.length) {
    report.issue('security_group_id', 'only one of security_group_id or security_group_ids can be specified');
  }
  const existing = Boolean(value.security_group_id || value.security_group_ids?.length);
  if (existing && value.security_group_filter) {
    report.warn('security_group_filter: ignored because security_group_id(s) is set');
  }
  const single = value.temporary_security_group_source_cidr;
  const list = value.temporary_security_group_source_cidrs;
  if (single && list?.length) {
    report.issue(
      'temporary_security_group_source_cidr',
      'set either temporary_security_group_source_cidr or temporary_security_group_source_cidrs, not both',
    );
  }
  const singleProblem = single ? cidrProblem(single) : undefined;
  if (singleProblem) {
    report.issue(
      'temporary_security_group_source_cidr',
      `error parsing temporary_security_group_source_cidr: ${singleProblem}`,
    );
  }
  for (const [index, cidr] of (list ?? []).entries()) {
    const problem = cidrProblem(cidr);
    if (problem) report.issue(`temporary_security_group_source_cidrs[${index}]`, problem);
  }
  const temporary = !existing && !value.security_group_filter;
  if (!temporary && (single || list?.length)) {
    report.warn('temporary_security_group_source_cidr(s): no effect, existing security groups are used');
  } else if (temporary && !single && !list?.length) {
    report.warn(
      'the temporary security group lets anyone (0.0.0.0/0) reach the communicator port; set temporary_security_group_source_cidrs to a narrower range, e.g. your public IP as x.x.x.x/32',
    );
  }
}

/** The source ranges of the temporary security group's rule: the list, the single range, or `0.0.0.0/0`. */
export function temporarySecurityGroupCidrs(config: SecurityGroupConfig): string[] {
  if (config.temporary_security_group_source_cidrs?.length) return [...config.temporary_security_group_source_cidrs];
  if (config.temporary_security_group_source_cidr) return [config.temporary_security_group_source_cidr];
  return [defaultSourceCidr];
}

/** The existing security groups named by id (`security_group_id` folded into the list), or undefined. */
export function securityGroupIds(config: SecurityGroupConfig): string[] | undefined {
  if (config.security_group_ids?.length) return [...config.security_group_ids];
  return config.security_group_id ? [config.security_group_id] : undefined;
}
