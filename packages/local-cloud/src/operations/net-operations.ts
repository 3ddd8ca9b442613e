import type { Net, Subnet } from '@osc-packer/oapi-client';
import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import { optionalString, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { byCreation, callerOf, findOwned, isVisible, newRecordBase } from '../model/access';
import { cidrContains, cidrOverlaps, parseCidr } from '../model/cidr';
import type { NetRecord, SubnetRecord } from '../model/records';
import { presentTags } from '../present/common';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';
import { createSecurityGroup } from './security-group-operations';

function presentNet(net: NetRecord): Net {
  return {
    NetId: net.id,
    IpRange: net.ipRange,
    State: net.state,
    Tenancy: net.tenancy,
    DhcpOptionsSetId: net.dhcpOptionsSetId,
    Tags: presentTags(net, net.accountId),
  };
}

/** Free addresses of a subnet: its size minus the 5 Outscale reserves and those in use. */
function availableIps(cloud: Cloud, subnet: SubnetRecord): number {
  const size = parseCidr(subnet.ipRange)?.size ?? 0;
  const used = [...cloud.state.vms.values()].filter(
    (vm) => vm.subnetId === subnet.id && vm.state !== 'terminated',
  ).length;
  return Math.max(0, size - 5 - used);
}

function presentSubnet(cloud: Cloud, subnet: SubnetRecord): Subnet {
  return {
    SubnetId: subnet.id,
    NetId: subnet.netId,
    IpRange: subnet.ipRange,
    SubregionName: subnet.subregionName,
    State: subnet.state,
    MapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    AvailableIpsCount: availableIps(cloud, subnet),
    Tags: presentTags(subnet, subnet.accountId),
  };
}

const netFilters: FilterTable<NetRecord> = {
  DhcpOptionsSetIds: { type: 'strings', values: (n) => [n.dhcpOptionsSetId] },
  IpRanges: { type: 'strings', values: (n) => [n.ipRange] },
  IsDefault: { type: 'boolean', values: () => [false] },
  NetIds: { type: 'strings', values: (n) => [n.id] },
  States: { type: 'strings', values: (n) => [n.state] },
  ...tagFilters((n: NetRecord) => n.tags),
};

function subnetFilters(cloud: Cloud): FilterTable<SubnetRecord> {
  return {
    AvailableIpsCounts: { type: 'integers', values: (s) => [availableIps(cloud, s)] },
    IpRanges: { type: 'strings', values: (s) => [s.ipRange] },
    NetIds: { type: 'strings', values: (s) => [s.netId] },
    States: { type: 'strings', values: (s) => [s.state] },
    SubnetIds: { type: 'strings', values: (s) => [s.id] },
    SubregionNames: { type: 'strings', values: (s) => [s.subregionName] },
    ...tagFilters((s: SubnetRecord) => s.tags),
  };
}

/** CreateNet, DeleteNet, ReadNets, CreateSubnet, DeleteSubnet, ReadSubnets. */
export function netOperations(cloud: Cloud): OperationDefinition[] {
  const live = (vmNet: (vm: { netId?: string; subnetId?: string }) => boolean) =>
    [...cloud.state.vms.values()].some((vm) => vm.state !== 'terminated' && vmNet(vm));
  return [
    defineOperation('CreateNet', ['IpRange', 'Tenancy'], (context, body) => {
      const account = callerOf(context);
      const ipRange = requiredString(body, 'IpRange');
      const cidr = parseCidr(ipRange);
      if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) throw errors.invalidParameterValue('IpRange', ipRange, '4015');
      const tenancy = optionalString(body, 'Tenancy') ?? 'default';
      if (!['default', 'dedicated'].includes(tenancy)) throw errors.invalidParameterValue('Tenancy', tenancy);
      const net: NetRecord = {
        ...newRecordBase(cloud, 'net', account),
        ipRange,
        state: 'available',
        tenancy,
        dhcpOptionsSetId: cloud.state.newId('dhcpOptions'),
      };
      cloud.state.nets.set(net.id, net);
      createSecurityGroup(cloud, account, {
        name: 'default',
        description: 'default group',
        netId: net.id,
        isDefault: true,
      });
      return { Net: presentNet(net) };
    }),
    defineOperation('DeleteNet', ['NetId'], (context, body) => {
      const net = findOwned(cloud.state.nets, requiredString(body, 'NetId'), context, 'net');
      const subnets = [...cloud.state.subnets.values()].some((s) => s.netId === net.id);
      const groups = [...cloud.state.securityGroups.values()].filter((g) => g.netId === net.id);
      if (subnets || groups.some((g) => !g.isDefault) || live((vm) => vm.netId === net.id)) {
        throw errors.dependencyProblem('1009', `The Net '${net.id}' has dependencies and cannot be deleted.`);
      }
      for (const group of groups) cloud.state.securityGroups.delete(group.id);
      cloud.state.nets.delete(net.id);
      return {};
    }),
    defineOperation('ReadNets', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.nets.values()).filter(
        (n) => n.accountId === accountId && isVisible(n, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, netFilters), context.operation, body);
      return { Nets: page.items.map(presentNet), NextPageToken: page.nextPageToken };
    }),
    defineOperation('CreateSubnet', ['NetId', 'IpRange', 'SubregionName'], (context, body) => {
      const account = callerOf(context);
      const net = findOwned(cloud.state.nets, requiredString(body, 'NetId'), context, 'net');
      const ipRange = requiredString(body, 'IpRange');
      const cidr = parseCidr(ipRange);
      const netCidr = parseCidr(net.ipRange);
      if (!cidr || !netCidr || cidr.prefix > 28 || !cidrContains(netCidr, cidr)) {
        throw errors.invalidParameterValue('IpRange', ipRange, '4015');
      }
      for (const other of cloud.state.subnets.values()) {
        const otherCidr = parseCidr(other.ipRange);
        if (other.netId === net.id && otherCidr && cidrOverlaps(otherCidr, cidr)) {
          throw errors.conflict('9058', `The IP range '${ipRange}' overlaps the Subnet '${other.id}'.`);
        }
      }
      const subregionName = optionalString(body, 'SubregionName') ?? cloud.subregions[0] ?? `${cloud.region}a`;
      if (!cloud.subregions.includes(subregionName)) throw errors.notFound('subregion', subregionName);
      const subnet: SubnetRecord = {
        ...newRecordBase(cloud, 'subnet', account),
        netId: net.id,
        ipRange,
        subregionName,
        state: 'available',
        mapPublicIpOnLaunch: false,
        nextHost: 4,
      };
      cloud.state.subnets.set(subnet.id, subnet);
      return { Subnet: presentSubnet(cloud, subnet) };
    }),
    defineOperation('DeleteSubnet', ['SubnetId'], (context, body) => {
      const subnet = findOwned(cloud.state.subnets, requiredString(body, 'SubnetId'), context, 'subnet');
      if (live((vm) => vm.subnetId === subnet.id)) {
        throw errors.conflict('9059', `The Subnet '${subnet.id}' has VMs and cannot be deleted.`);
      }
      cloud.state.subnets.delete(subnet.id);
      return {};
    }),
    defineOperation('ReadSubnets', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.subnets.values()).filter(
        (s) => s.accountId === accountId && isVisible(s, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, subnetFilters(cloud)), context.operation, body);
      return { Subnets: page.items.map((s) => presentSubnet(cloud, s)), NextPageToken: page.nextPageToken };
    }),
  ];
}
