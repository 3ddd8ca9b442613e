import { errors } from '../api/errors';
import type { CallContext, RequestBody } from '../api/operation';
import {
  checkKnownFields,
  optionalInteger,
  optionalObjectList,
  optionalString,
  optionalStringList,
} from '../api/params';
import type { Cloud } from '../engine/cloud';
import { callerOf } from '../model/access';
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from '../model/records';

/** One rule as a request describes it: a protocol and port range, and what it opens to. */
export interface RuleSpec {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipRanges: string[];
  members: SecurityGroupRuleRecord['members'];
}

const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function checkCidr(value: string, path: string): string {
  const match = cidr.exec(value);
  if (!match || match.slice(1, 5).some((octet) => Number(octet) > 255) || Number(match[5]) > 32) {
    throw errors.invalidParameterValue(path, value, '4030');
  }
  return value;
}

function normalizeProtocol(value: string | undefined, path: string): string {
  const protocol = value ?? '-1';
  const named: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
  const result = named[protocol] ?? protocol;
  if (!['tcp', 'udp', 'icmp', '-1'].includes(result)) throw errors.invalidParameterValue(path, protocol, '4053');
  return result;
}

function checkPorts(spec: RuleSpec, path: string): RuleSpec {
  if (spec.protocol === '-1') return { ...spec, fromPort: undefined, toPort: undefined };
  if (spec.fromPort === undefined) throw errors.missingParameter(`${path}FromPortRange`);
  if (spec.toPort === undefined) throw errors.missingParameter(`${path}ToPortRange`);
  if (spec.protocol !== 'icmp') {
    if (spec.fromPort < 0 || spec.fromPort > 65535)
      throw errors.invalidParameterValue(`${path}FromPortRange`, spec.fromPort, '4064');
    if (spec.toPort < spec.fromPort || spec.toPort > 65535)
      throw errors.invalidParameterValue(`${path}ToPortRange`, spec.toPort, '4021');
  }
  return spec;
}

function member(cloud: Cloud, context: CallContext, name: string, accountId: string | undefined) {
  const owner = accountId ?? callerOf(context).accountId;
  const group = [...cloud.state.securityGroups.values()].find(
    (g) => g.accountId === owner && (g.name === name || g.id === name),
  );
  if (!group) throw errors.notFound('securityGroupName', name);
  return { accountId: owner, securityGroupId: group.id, securityGroupName: group.name };
}

/**
 * The rules a CreateSecurityGroupRule/DeleteSecurityGroupRule request names: either the flat form
 * (`IpProtocol`, ports, `IpRange` or a group to link) or the `Rules` array. `linkSuffix` is `ToLink` or
 * `ToUnlink`, the spelling of the group parameters in each call.
 */
export function rulesOfRequest(cloud: Cloud, context: CallContext, body: RequestBody, linkSuffix: string): RuleSpec[] {
  const rules = optionalObjectList(body, 'Rules');
  if (rules !== undefined) {
    return rules.map((rule, index) => {
      const path = `Rules.${index}.`;
      checkKnownFields(
        rule,
        [
          'FromPortRange',
          'IpProtocol',
          'IpRanges',
          'SecurityGroupRuleId',
          'SecurityGroupsMembers',
          'ServiceIds',
          'ToPortRange',
        ],
        `Rules.${index}`,
      );
      const members = (optionalObjectList(rule, 'SecurityGroupsMembers', `${path}SecurityGroupsMembers`) ?? []).map(
        (m) => {
          const name = optionalString(m, 'SecurityGroupId') ?? optionalString(m, 'SecurityGroupName');
          if (name === undefined) throw errors.missingParameter(`${path}SecurityGroupsMembers.SecurityGroupId`);
          return member(cloud, context, name, optionalString(m, 'AccountId'));
        },
      );
      const ipRanges = (optionalStringList(rule, 'IpRanges', `${path}IpRanges`) ?? []).map((r) =>
        checkCidr(r, `${path}IpRanges`),
      );
      if (ipRanges.length === 0 && members.length === 0) throw errors.missingParameter(`${path}IpRanges`);
      return checkPorts(
        {
          protocol: normalizeProtocol(optionalString(rule, 'IpProtocol', `${path}IpProtocol`), `${path}IpProtocol`),
          fromPort: optionalInteger(rule, 'FromPortRange', `${path}FromPortRange`),
          toPort: optionalInteger(rule, 'ToPortRange', `${path}ToPortRange`),
          ipRanges,
          members,
        },
        path,
      );
    });
  }
  const groupName = optionalString(body, `SecurityGroupName${linkSuffix}`);
  const ipRange = optionalString(body, 'IpRange');
  if (groupName === undefined && ipRange === undefined) throw errors.missingParameter('IpRange');
  const members =
    groupName === undefined
      ? []
      : [member(cloud, context, groupName, optionalString(body, `SecurityGroupAccountId${linkSuffix}`))];
  return [
    checkPorts(
      {
        protocol: normalizeProtocol(optionalString(body, 'IpProtocol'), 'IpProtocol'),
        fromPort: optionalInteger(body, 'FromPortRange'),
        toPort: optionalInteger(body, 'ToPortRange'),
        ipRanges: ipRange === undefined ? [] : [checkCidr(ipRange, 'IpRange')],
        members,
      },
      '',
    ),
  ];
}

function sameRange(rule: SecurityGroupRuleRecord, spec: RuleSpec): boolean {
  return rule.protocol === spec.protocol && rule.fromPort === spec.fromPort && rule.toPort === spec.toPort;
}

/** Adds rules to a group's inbound or outbound list; a rule that already exists is refused. */
export function addRules(cloud: Cloud, rules: SecurityGroupRuleRecord[], specs: readonly RuleSpec[]): void {
  for (const spec of specs) {
    const existing = rules.find((rule) => sameRange(rule, spec));
    const duplicate =
      existing &&
      (spec.ipRanges.some((range) => existing.ipRanges.includes(range)) ||
        spec.members.some((m) => existing.members.some((e) => e.securityGroupId === m.securityGroupId)));
    if (duplicate) throw errors.conflict('9029', 'The security group rule already exists.');
    if (existing) {
      existing.ipRanges.push(...spec.ipRanges);
      existing.members.push(...spec.members);
    } else {
      rules.push({ id: cloud.state.newId('securityGroupRule'), ...spec, serviceIds: [] });
    }
  }
}

/** Removes rules (their ranges and linked groups); a rule that does not exist is refused. */
export function removeRules(rules: SecurityGroupRuleRecord[], specs: readonly RuleSpec[]): void {
  for (const spec of specs) {
    const existing = rules.find((rule) => sameRange(rule, spec));
    const present =
      existing &&
      spec.ipRanges.every((range) => existing.ipRanges.includes(range)) &&
      spec.members.every((m) => existing.members.some((e) => e.securityGroupId === m.securityGroupId));
    if (!existing || !present)
      throw errors.invalidParameterValue('Rules', spec.protocol, '4047', 'No such rule in the security group.');
    existing.ipRanges = existing.ipRanges.filter((range) => !spec.ipRanges.includes(range));
    existing.members = existing.members.filter(
      (e) => !spec.members.some((m) => m.securityGroupId === e.securityGroupId),
    );
    if (existing.ipRanges.length === 0 && existing.members.length === 0) rules.splice(rules.indexOf(existing), 1);
  }
}

/** True when another group's rule lets traffic from `group` in or out (so it cannot be deleted). */
export function isReferenced(cloud: Cloud, group: SecurityGroupRecord): boolean {
  return [...cloud.state.securityGroups.values()].some(
    (other) =>
      other.id !== group.id &&
      [...other.inbound, ...other.outbound].some((rule) => rule.members.some((m) => m.securityGroupId === group.id)),
  );
}
