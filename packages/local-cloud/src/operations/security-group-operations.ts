import type { SecurityGroup, SecurityGroupRule } from '@osc-packer/oapi-client';
import type { Account } from '../accounts/account-registry';
import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import { oneOf, optionalString, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { byCreation, callerOf, findOwned, isVisible, newRecordBase } from '../model/access';
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from '../model/records';
import { presentTags } from '../present/common';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';
import { addRules, isReferenced, removeRules, rulesOfRequest } from './security-group-rules';

function presentRule(rule: SecurityGroupRuleRecord): SecurityGroupRule {
  return {
    SecurityGroupRuleId: rule.id,
    IpProtocol: rule.protocol,
    ...(rule.fromPort === undefined ? {} : { FromPortRange: rule.fromPort, ToPortRange: rule.toPort }),
    IpRanges: [...rule.ipRanges],
    SecurityGroupsMembers: rule.members.map((m) => ({
      AccountId: m.accountId,
      SecurityGroupId: m.securityGroupId,
      SecurityGroupName: m.securityGroupName,
    })),
    ServiceIds: [...rule.serviceIds],
  };
}

/** A security group as the API shows it. */
export function presentSecurityGroup(group: SecurityGroupRecord): SecurityGroup {
  return {
    SecurityGroupId: group.id,
    SecurityGroupName: group.name,
    Description: group.description,
    AccountId: group.accountId,
    ...(group.netId ? { NetId: group.netId } : {}),
    InboundRules: group.inbound.map(presentRule),
    OutboundRules: group.outbound.map(presentRule),
    Tags: presentTags(group, group.accountId),
  };
}

const ruleValues = (rules: (g: SecurityGroupRecord) => SecurityGroupRuleRecord[]) => ({
  accounts: (g: SecurityGroupRecord) => rules(g).flatMap((r) => r.members.map((m) => m.accountId)),
  from: (g: SecurityGroupRecord) => rules(g).map((r) => r.fromPort),
  to: (g: SecurityGroupRecord) => rules(g).map((r) => r.toPort),
  ranges: (g: SecurityGroupRecord) => rules(g).flatMap((r) => r.ipRanges),
  protocols: (g: SecurityGroupRecord) => rules(g).map((r) => r.protocol),
  groupIds: (g: SecurityGroupRecord) => rules(g).flatMap((r) => r.members.map((m) => m.securityGroupId)),
  groupNames: (g: SecurityGroupRecord) => rules(g).flatMap((r) => r.members.map((m) => m.securityGroupName)),
});
const inbound = ruleValues((g) => g.inbound);
const outbound = ruleValues((g) => g.outbound);

const securityGroupFilters: FilterTable<SecurityGroupRecord> = {
  Descriptions: { type: 'strings', wildcard: true, values: (g) => [g.description] },
  InboundRuleAccountIds: { type: 'strings', values: inbound.accounts },
  InboundRuleFromPortRanges: { type: 'integers', values: inbound.from },
  InboundRuleIpRanges: { type: 'strings', values: inbound.ranges },
  InboundRuleProtocols: { type: 'strings', values: inbound.protocols },
  InboundRuleSecurityGroupIds: { type: 'strings', values: inbound.groupIds },
  InboundRuleSecurityGroupNames: { type: 'strings', values: inbound.groupNames },
  InboundRuleToPortRanges: { type: 'integers', values: inbound.to },
  NetIds: { type: 'strings', values: (g) => [g.netId] },
  OutboundRuleAccountIds: { type: 'strings', values: outbound.accounts },
  OutboundRuleFromPortRanges: { type: 'integers', values: outbound.from },
  OutboundRuleIpRanges: { type: 'strings', values: outbound.ranges },
  OutboundRuleProtocols: { type: 'strings', values: outbound.protocols },
  OutboundRuleSecurityGroupIds: { type: 'strings', values: outbound.groupIds },
  OutboundRuleSecurityGroupNames: { type: 'strings', values: outbound.groupNames },
  OutboundRuleToPortRanges: { type: 'integers', values: outbound.to },
  SecurityGroupIds: { type: 'strings', values: (g) => [g.id] },
  SecurityGroupNames: { type: 'strings', wildcard: true, values: (g) => [g.name] },
  ...tagFilters((g: SecurityGroupRecord) => g.tags),
};

/**
 * A new security group. Groups of a Net allow all outbound traffic, as on Outscale; groups of the public
 * Cloud have no outbound rules (outbound filtering exists only in a Net).
 */
export function createSecurityGroup(
  cloud: Cloud,
  account: Account,
  fields: { name: string; description: string; netId?: string; isDefault?: boolean },
): SecurityGroupRecord {
  const group: SecurityGroupRecord = {
    ...newRecordBase(cloud, 'securityGroup', account),
    name: fields.name,
    description: fields.description,
    netId: fields.netId,
    inbound: [],
    outbound: [],
    isDefault: fields.isDefault ?? false,
  };
  if (fields.netId) {
    group.outbound.push({
      id: cloud.state.newId('securityGroupRule'),
      protocol: '-1',
      ipRanges: ['0.0.0.0/0'],
      members: [],
      serviceIds: [],
    });
  }
  if (group.isDefault) group.visibleAt = group.createdAt.getTime();
  cloud.state.securityGroups.set(group.id, group);
  return group;
}

/** True while a VM that is not terminated uses the group. */
function isInUse(cloud: Cloud, group: SecurityGroupRecord): boolean {
  return [...cloud.state.vms.values()].some(
    (vm) => vm.state !== 'terminated' && vm.securityGroupIds.includes(group.id),
  );
}

/** CreateSecurityGroup, CreateSecurityGroupRule, DeleteSecurityGroupRule, DeleteSecurityGroup, ReadSecurityGroups. */
export function securityGroupOperations(cloud: Cloud): OperationDefinition[] {
  const flowRules = (group: SecurityGroupRecord, flow: 'Inbound' | 'Outbound') => {
    if (flow === 'Outbound' && !group.netId) {
      throw errors.invalidParameterValue(
        'Flow',
        flow,
        '4047',
        'Outbound rules exist only for security groups in a Net.',
      );
    }
    return flow === 'Inbound' ? group.inbound : group.outbound;
  };
  return [
    defineOperation('CreateSecurityGroup', ['SecurityGroupName', 'Description', 'NetId'], (context, body) => {
      const account = callerOf(context);
      const name = requiredString(body, 'SecurityGroupName');
      const description = requiredString(body, 'Description');
      const netId = optionalString(body, 'NetId');
      if (name.startsWith('sg-') || name.length > 255)
        throw errors.invalidParameterValue('SecurityGroupName', name, '4043');
      if (description.length > 255) throw errors.invalidParameterValue('Description', description, '4047');
      if (netId !== undefined) findOwned(cloud.state.nets, netId, context, 'net');
      const taken = [...cloud.state.securityGroups.values()].some(
        (g) => g.accountId === account.accountId && g.name === name && g.netId === netId,
      );
      if (taken) throw errors.conflict('9008', `The security group '${name}' already exists.`);
      return { SecurityGroup: presentSecurityGroup(createSecurityGroup(cloud, account, { name, description, netId })) };
    }),
    defineOperation(
      'CreateSecurityGroupRule',
      [
        'Flow',
        'SecurityGroupId',
        'FromPortRange',
        'ToPortRange',
        'IpProtocol',
        'IpRange',
        'Rules',
        'SecurityGroupAccountIdToLink',
        'SecurityGroupNameToLink',
      ],
      (context, body) => {
        const flow = oneOf(requiredString(body, 'Flow'), ['Inbound', 'Outbound'] as const, 'Flow') ?? 'Inbound';
        const group = findOwned(
          cloud.state.securityGroups,
          requiredString(body, 'SecurityGroupId'),
          context,
          'securityGroup',
        );
        addRules(cloud, flowRules(group, flow), rulesOfRequest(cloud, context, body, 'ToLink'));
        return { SecurityGroup: presentSecurityGroup(group) };
      },
    ),
    defineOperation(
      'DeleteSecurityGroupRule',
      [
        'Flow',
        'SecurityGroupId',
        'FromPortRange',
        'ToPortRange',
        'IpProtocol',
        'IpRange',
        'Rules',
        'SecurityGroupAccountIdToUnlink',
        'SecurityGroupNameToUnlink',
      ],
      (context, body) => {
        const flow = oneOf(requiredString(body, 'Flow'), ['Inbound', 'Outbound'] as const, 'Flow') ?? 'Inbound';
        const group = findOwned(
          cloud.state.securityGroups,
          requiredString(body, 'SecurityGroupId'),
          context,
          'securityGroup',
        );
        removeRules(flowRules(group, flow), rulesOfRequest(cloud, context, body, 'ToUnlink'));
        return { SecurityGroup: presentSecurityGroup(group) };
      },
    ),
    defineOperation('DeleteSecurityGroup', ['SecurityGroupId', 'SecurityGroupName'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const id = optionalString(body, 'SecurityGroupId');
      const name = optionalString(body, 'SecurityGroupName');
      let group: SecurityGroupRecord | undefined;
      if (id !== undefined) group = findOwned(cloud.state.securityGroups, id, context, 'securityGroup');
      else if (name !== undefined) {
        group = [...cloud.state.securityGroups.values()].find(
          (g) => g.accountId === accountId && g.name === name && !g.netId && isVisible(g, context.now),
        );
        if (!group) throw errors.notFound('securityGroupName', name);
      } else throw errors.missingParameter('SecurityGroupId');
      if (group.isDefault)
        throw errors.invalidParameterValue(
          'SecurityGroupId',
          group.id,
          '4047',
          'A default security group cannot be deleted.',
        );
      if (isInUse(cloud, group) || isReferenced(cloud, group)) {
        throw errors.dependencyProblem(
          '1007',
          `The security group '${group.id}' has dependencies and cannot be deleted.`,
        );
      }
      cloud.state.securityGroups.delete(group.id);
      return {};
    }),
    defineOperation('ReadSecurityGroups', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.securityGroups.values()).filter(
        (g) => g.accountId === accountId && isVisible(g, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, securityGroupFilters), context.operation, body);
      return { SecurityGroups: page.items.map(presentSecurityGroup), NextPageToken: page.nextPageToken };
    }),
  ];
}
