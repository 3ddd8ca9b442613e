import type { NicLight, Vm } from '@osc-packer/oapi-client';
import type { Cloud } from '../engine/cloud';
import { linkedVolumes, vmHostname } from '../engine/vm-lifecycle';
import type { VmRecord } from '../model/records';
import { isoDate, presentTags } from './common';

/** The public IP a VM shows: a linked one, else (public Cloud only) the one it got at launch. */
export function shownPublicIp(vm: VmRecord): string | undefined {
  if (vm.state === 'terminated') return undefined;
  return vm.linkedPublicIp ?? (vm.netId ? undefined : vm.launchPublicIp);
}

function publicDnsName(cloud: Cloud, ip: string): string {
  return `ows-${ip.replaceAll('.', '-')}.${cloud.region}.compute.outscale.com`;
}

function privateDnsName(cloud: Cloud, vm: VmRecord): string {
  return `${vmHostname(vm)}.${cloud.region}.compute.internal`;
}

function securityGroups(cloud: Cloud, vm: VmRecord) {
  return vm.securityGroupIds.map((id) => ({
    SecurityGroupId: id,
    SecurityGroupName: cloud.state.securityGroups.get(id)?.name ?? '',
  }));
}

function presentNic(cloud: Cloud, vm: VmRecord, publicIp: string | undefined): NicLight[] {
  if (!vm.nic || !vm.netId || vm.state === 'terminated') return [];
  const linkPublicIp = publicIp
    ? { PublicIp: publicIp, PublicDnsName: publicDnsName(cloud, publicIp), PublicIpAccountId: vm.accountId }
    : undefined;
  return [
    {
      NicId: vm.nic.nicId,
      AccountId: vm.accountId,
      Description: 'Primary network interface',
      IsSourceDestChecked: vm.isSourceDestChecked,
      LinkNic: { LinkNicId: vm.nic.linkNicId, DeviceNumber: 0, DeleteOnVmDeletion: true, State: 'attached' },
      ...(linkPublicIp ? { LinkPublicIp: linkPublicIp } : {}),
      MacAddress: vm.macAddress,
      NetId: vm.netId,
      PrivateDnsName: privateDnsName(cloud, vm),
      PrivateIps: [
        {
          IsPrimary: true,
          PrivateIp: vm.privateIp,
          PrivateDnsName: privateDnsName(cloud, vm),
          ...(linkPublicIp ? { LinkPublicIp: linkPublicIp } : {}),
        },
      ],
      SecurityGroups: securityGroups(cloud, vm),
      State: 'in-use',
      ...(vm.subnetId ? { SubnetId: vm.subnetId } : {}),
    },
  ];
}

/** A VM as the API shows it. */
export function presentVm(cloud: Cloud, vm: VmRecord): Vm {
  const publicIp = shownPublicIp(vm);
  return {
    VmId: vm.id,
    VmType: vm.vmType,
    ImageId: vm.imageId,
    State: vm.state,
    StateReason: vm.stateReason,
    Architecture: vm.architecture,
    ActionsOnNextBoot: { SecureBoot: 'none' },
    BlockDeviceMappings: linkedVolumes(cloud, vm).flatMap((volume) =>
      volume.link
        ? [
            {
              DeviceName: volume.link.deviceName,
              Bsu: {
                VolumeId: volume.id,
                State: volume.link.state,
                LinkDate: isoDate(volume.link.linkDate),
                DeleteOnVmDeletion: volume.link.deleteOnVmDeletion,
              },
            },
          ]
        : [],
    ),
    BootMode: vm.bootMode as Vm['BootMode'],
    BsuOptimized: false,
    ...(vm.clientToken ? { ClientToken: vm.clientToken } : {}),
    CreationDate: isoDate(vm.createdAt),
    DeletionProtection: vm.deletionProtection,
    Hypervisor: 'xen',
    IsSourceDestChecked: vm.isSourceDestChecked,
    ...(vm.keypairName ? { KeypairName: vm.keypairName } : {}),
    LaunchNumber: vm.launchNumber,
    NestedVirtualization: vm.nestedVirtualization,
    ...(vm.netId ? { NetId: vm.netId } : {}),
    Nics: presentNic(cloud, vm, publicIp),
    OsFamily: '',
    Performance: vm.performance,
    Placement: { SubregionName: vm.subregionName, Tenancy: vm.tenancy },
    PrivateDnsName: privateDnsName(cloud, vm),
    PrivateIp: vm.privateIp,
    ProductCodes: [...vm.productCodes],
    ...(publicIp ? { PublicIp: publicIp, PublicDnsName: publicDnsName(cloud, publicIp) } : {}),
    ReservationId: vm.reservationId,
    RootDeviceName: vm.rootDeviceName,
    RootDeviceType: 'ebs',
    SecurityGroups: securityGroups(cloud, vm),
    ...(vm.subnetId ? { SubnetId: vm.subnetId } : {}),
    Tags: presentTags(vm, vm.accountId),
    TpmEnabled: vm.tpmEnabled,
    ...(vm.userData !== undefined ? { UserData: vm.userData } : {}),
    VmInitiatedShutdownBehavior: vm.shutdownBehavior,
  };
}
