import type { Cloud } from '../engine/cloud';
import { linkedVolumes } from '../engine/vm-lifecycle';
import type { VmRecord } from '../model/records';
import { shownPublicIp } from '../present/vm';
import { type FilterTable, tagFilters } from '../query/filters';

/** The `VmStateCodes` filter's numbers for each state. */
export const vmStateCodes: Readonly<Record<string, number>> = {
  quarantine: -1,
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** Every filter of `FiltersVm`. NIC filters look at the primary NIC a VM in a Net has. */
export function vmFilters(cloud: Cloud): FilterTable<VmRecord> {
  const links = (vm: VmRecord) =>
    linkedVolumes(cloud, vm).flatMap((volume) => (volume.link ? [{ volume, link: volume.link }] : []));
  const nic = (vm: VmRecord) => (vm.nic ? [vm] : []);
  const groupNames = (vm: VmRecord) => vm.securityGroupIds.map((id) => cloud.state.securityGroups.get(id)?.name);
  const linkedIp = (vm: VmRecord) => [...cloud.state.publicIps.values()].find((ip) => ip.link?.vmId === vm.id);
  const reason = (vm: VmRecord) => vm.stateReason;
  return {
    Architectures: { type: 'strings', values: (vm) => [vm.architecture] },
    BlockDeviceMappingDeleteOnVmDeletion: {
      type: 'boolean',
      values: (vm) => links(vm).map((l) => l.link.deleteOnVmDeletion),
    },
    BlockDeviceMappingDeviceNames: { type: 'strings', values: (vm) => links(vm).map((l) => l.link.deviceName) },
    BlockDeviceMappingLinkDates: { type: 'dates', values: (vm) => links(vm).map((l) => l.link.linkDate) },
    BlockDeviceMappingStates: { type: 'strings', values: (vm) => links(vm).map((l) => l.link.state) },
    BlockDeviceMappingVolumeIds: { type: 'strings', values: (vm) => links(vm).map((l) => l.volume.id) },
    BootModes: { type: 'strings', values: (vm) => [vm.bootMode] },
    ClientTokens: { type: 'strings', values: (vm) => [vm.clientToken] },
    CreationDates: { type: 'dates', values: (vm) => [vm.createdAt] },
    ImageIds: { type: 'strings', values: (vm) => [vm.imageId] },
    IsSourceDestChecked: { type: 'boolean', values: (vm) => [vm.isSourceDestChecked] },
    KeypairNames: { type: 'strings', wildcard: true, values: (vm) => [vm.keypairName] },
    LaunchNumbers: { type: 'integers', values: (vm) => [vm.launchNumber] },
    Lifecycles: { type: 'strings', values: () => ['normal'] },
    NetIds: { type: 'strings', values: (vm) => [vm.netId] },
    NicAccountIds: { type: 'strings', values: (vm) => nic(vm).map((v) => v.accountId) },
    NicDescriptions: {
      type: 'strings',
      wildcard: true,
      values: (vm) => nic(vm).map(() => 'Primary network interface'),
    },
    NicIsSourceDestChecked: { type: 'boolean', values: (vm) => nic(vm).map((v) => v.isSourceDestChecked) },
    NicLinkNicDeleteOnVmDeletion: { type: 'boolean', values: (vm) => nic(vm).map(() => true) },
    NicLinkNicDeviceNumbers: { type: 'integers', values: (vm) => nic(vm).map(() => 0) },
    NicLinkNicLinkNicDates: { type: 'dates', values: (vm) => nic(vm).map((v) => v.createdAt) },
    NicLinkNicLinkNicIds: { type: 'strings', values: (vm) => [vm.nic?.linkNicId] },
    NicLinkNicStates: { type: 'strings', values: (vm) => nic(vm).map(() => 'attached') },
    NicLinkNicVmAccountIds: { type: 'strings', values: (vm) => nic(vm).map((v) => v.accountId) },
    NicLinkNicVmIds: { type: 'strings', values: (vm) => nic(vm).map((v) => v.id) },
    NicLinkPublicIpAccountIds: { type: 'strings', values: (vm) => nic(vm).map((v) => linkedIp(v)?.accountId) },
    NicLinkPublicIpLinkPublicIpIds: {
      type: 'strings',
      values: (vm) => nic(vm).map((v) => linkedIp(v)?.link?.linkPublicIpId),
    },
    NicLinkPublicIpPublicIpIds: { type: 'strings', values: (vm) => nic(vm).map((v) => linkedIp(v)?.id) },
    NicLinkPublicIpPublicIps: { type: 'strings', values: (vm) => nic(vm).map((v) => linkedIp(v)?.address) },
    NicMacAddresses: { type: 'strings', values: (vm) => nic(vm).map((v) => v.macAddress) },
    NicNetIds: { type: 'strings', values: (vm) => nic(vm).map((v) => v.netId) },
    NicNicIds: { type: 'strings', values: (vm) => [vm.nic?.nicId] },
    NicPrivateIpsLinkPublicIpAccountIds: {
      type: 'strings',
      values: (vm) => nic(vm).map((v) => linkedIp(v)?.accountId),
    },
    NicPrivateIpsLinkPublicIpIds: { type: 'strings', values: (vm) => nic(vm).map((v) => linkedIp(v)?.id) },
    NicPrivateIpsPrimaryIp: { type: 'boolean', values: (vm) => nic(vm).map(() => true) },
    NicPrivateIpsPrivateIps: { type: 'strings', values: (vm) => nic(vm).map((v) => v.privateIp) },
    NicSecurityGroupIds: { type: 'strings', values: (vm) => nic(vm).flatMap((v) => v.securityGroupIds) },
    NicSecurityGroupNames: { type: 'strings', values: (vm) => nic(vm).flatMap(groupNames) },
    NicStates: { type: 'strings', values: (vm) => nic(vm).map(() => 'in-use') },
    NicSubnetIds: { type: 'strings', values: (vm) => nic(vm).map((v) => v.subnetId) },
    NicSubregionNames: { type: 'strings', values: (vm) => nic(vm).map((v) => v.subregionName) },
    Platforms: { type: 'strings', values: () => ['linux'] },
    PrivateIps: { type: 'strings', values: (vm) => [vm.privateIp] },
    ProductCodes: { type: 'strings', values: (vm) => vm.productCodes },
    PublicIps: { type: 'strings', values: (vm) => [shownPublicIp(vm)] },
    ReservationIds: { type: 'strings', values: (vm) => [vm.reservationId] },
    RootDeviceNames: { type: 'strings', values: (vm) => [vm.rootDeviceName] },
    RootDeviceTypes: { type: 'strings', values: () => ['ebs', 'bsu'] },
    SecurityGroupIds: { type: 'strings', values: (vm) => vm.securityGroupIds },
    SecurityGroupNames: { type: 'strings', wildcard: true, values: groupNames },
    StateReasonCodes: { type: 'integers', values: (vm) => [reason(vm) ? 0 : undefined] },
    StateReasonMessages: { type: 'strings', wildcard: true, values: (vm) => [reason(vm)] },
    StateReasons: { type: 'strings', wildcard: true, values: (vm) => [reason(vm)] },
    SubnetIds: { type: 'strings', values: (vm) => [vm.subnetId] },
    SubregionNames: { type: 'strings', values: (vm) => [vm.subregionName] },
    Tenancies: { type: 'strings', values: (vm) => [vm.tenancy] },
    TpmEnabled: { type: 'boolean', values: (vm) => [vm.tpmEnabled] },
    VmIds: { type: 'strings', values: (vm) => [vm.id] },
    VmSecurityGroupIds: { type: 'strings', values: (vm) => vm.securityGroupIds },
    VmSecurityGroupNames: { type: 'strings', wildcard: true, values: groupNames },
    VmStateCodes: { type: 'integers', values: (vm) => [vmStateCodes[vm.state]] },
    VmStateNames: { type: 'strings', values: (vm) => [vm.state] },
    VmTypes: { type: 'strings', values: (vm) => [vm.vmType] },
    ...tagFilters((vm: VmRecord) => vm.tags),
  };
}
