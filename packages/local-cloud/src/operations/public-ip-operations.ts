import type { PublicIp } from '@osc-packer/oapi-client';
import { errors } from '../api/errors';
import type { CallContext, OperationDefinition, RequestBody } from '../api/operation';
import { optionalBoolean, optionalString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { byCreation, callerOf, findOwned, isVisible, newRecordBase } from '../model/access';
import type { PublicIpRecord, VmRecord } from '../model/records';
import { presentTags } from '../present/common';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';

function presentPublicIp(cloud: Cloud, ip: PublicIpRecord): PublicIp {
  const vm = ip.link ? cloud.state.vms.get(ip.link.vmId) : undefined;
  return {
    PublicIpId: ip.id,
    PublicIp: ip.address,
    ...(ip.link && vm
      ? { LinkPublicIpId: ip.link.linkPublicIpId, VmId: vm.id, PrivateIp: vm.privateIp, NicAccountId: vm.accountId }
      : {}),
    Tags: presentTags(ip, ip.accountId),
  };
}

function publicIpFilters(cloud: Cloud): FilterTable<PublicIpRecord> {
  const vmOf = (ip: PublicIpRecord) => (ip.link ? cloud.state.vms.get(ip.link.vmId) : undefined);
  return {
    LinkPublicIpIds: { type: 'strings', values: (ip) => [ip.link?.linkPublicIpId] },
    NicAccountIds: { type: 'strings', values: (ip) => [vmOf(ip)?.accountId] },
    NicIds: { type: 'strings', values: () => [] },
    Placements: { type: 'strings', values: (ip) => [vmOf(ip)?.netId ? 'vpc' : 'standard'] },
    PrivateIps: { type: 'strings', values: (ip) => [vmOf(ip)?.privateIp] },
    PublicIpIds: { type: 'strings', values: (ip) => [ip.id] },
    PublicIps: { type: 'strings', values: (ip) => [ip.address] },
    VmIds: { type: 'strings', values: (ip) => [ip.link?.vmId] },
    ...tagFilters((ip: PublicIpRecord) => ip.tags),
  };
}

function findIp(
  cloud: Cloud,
  context: CallContext,
  body: RequestBody,
  idField: 'PublicIpId' | 'LinkPublicIpId',
): PublicIpRecord {
  const accountId = callerOf(context).accountId;
  const address = optionalString(body, 'PublicIp');
  const id = optionalString(body, idField);
  if (address === undefined && id === undefined) throw errors.missingParameter('PublicIp');
  const ip = [...cloud.state.publicIps.values()].find(
    (candidate) =>
      candidate.accountId === accountId &&
      isVisible(candidate, context.now) &&
      (address === undefined || candidate.address === address) &&
      (id === undefined || (idField === 'PublicIpId' ? candidate.id : candidate.link?.linkPublicIpId) === id),
  );
  if (ip) return ip;
  if (id !== undefined) throw errors.notFound(idField === 'PublicIpId' ? 'publicIp' : 'linkPublicIp', id);
  throw errors.notFound('publicIpAddress', address ?? '');
}

/** Unlinks a public IP from its VM; the VM shows its launch address again. */
export function unlinkPublicIp(cloud: Cloud, ip: PublicIpRecord): void {
  const vm = ip.link ? cloud.state.vms.get(ip.link.vmId) : undefined;
  if (vm && vm.linkedPublicIp === ip.address) vm.linkedPublicIp = undefined;
  ip.link = undefined;
}

function link(cloud: Cloud, ip: PublicIpRecord, vm: VmRecord): string {
  for (const other of cloud.state.publicIps.values()) {
    if (other.link?.vmId === vm.id) unlinkPublicIp(cloud, other);
  }
  const linkPublicIpId = cloud.state.newId('linkPublicIp');
  ip.link = { linkPublicIpId, vmId: vm.id };
  vm.linkedPublicIp = ip.address;
  return linkPublicIpId;
}

/** CreatePublicIp, LinkPublicIp, UnlinkPublicIp, DeletePublicIp, ReadPublicIps. */
export function publicIpOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation('CreatePublicIp', [], (context) => {
      const ip: PublicIpRecord = {
        ...newRecordBase(cloud, 'publicIp', callerOf(context)),
        address: cloud.addresses.elastic.allocate(),
      };
      cloud.state.publicIps.set(ip.id, ip);
      return { PublicIp: presentPublicIp(cloud, ip) };
    }),
    defineOperation(
      'LinkPublicIp',
      ['PublicIp', 'PublicIpId', 'VmId', 'NicId', 'PrivateIp', 'AllowRelink'],
      (context, body) => {
        const ip = findIp(cloud, context, body, 'PublicIpId');
        const vmId = optionalString(body, 'VmId');
        if (vmId === undefined) {
          if (optionalString(body, 'NicId') !== undefined)
            throw errors.notFound('resource', optionalString(body, 'NicId') ?? '');
          throw errors.missingParameter('VmId');
        }
        const vm = findOwned(cloud.state.vms, vmId, context, 'vm');
        if (!['pending', 'running', 'stopping', 'stopped'].includes(vm.state)) {
          throw errors.invalidState('6006', `The VM '${vm.id}' is ${vm.state}.`);
        }
        if (ip.link && ip.link.vmId !== vm.id && !optionalBoolean(body, 'AllowRelink') && vm.netId) {
          throw errors.conflict('9031', `The public IP '${ip.address}' is already linked.`);
        }
        if (ip.link) unlinkPublicIp(cloud, ip);
        return { LinkPublicIpId: link(cloud, ip, vm) };
      },
    ),
    defineOperation('UnlinkPublicIp', ['PublicIp', 'LinkPublicIpId'], (context, body) => {
      const ip = findIp(cloud, context, body, 'LinkPublicIpId');
      if (!ip.link) throw errors.notFound('linkPublicIp', optionalString(body, 'LinkPublicIpId') ?? ip.address);
      unlinkPublicIp(cloud, ip);
      return {};
    }),
    defineOperation('DeletePublicIp', ['PublicIp', 'PublicIpId'], (context, body) => {
      const ip = findIp(cloud, context, body, 'PublicIpId');
      unlinkPublicIp(cloud, ip);
      cloud.state.publicIps.delete(ip.id);
      cloud.addresses.elastic.release(ip.address);
      return {};
    }),
    defineOperation('ReadPublicIps', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.publicIps.values()).filter(
        (ip) => ip.accountId === accountId && isVisible(ip, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, publicIpFilters(cloud)), context.operation, body);
      return { PublicIps: page.items.map((ip) => presentPublicIp(cloud, ip)), NextPageToken: page.nextPageToken };
    }),
  ];
}
