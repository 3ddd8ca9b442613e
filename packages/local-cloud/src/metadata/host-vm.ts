import type { Account } from '../accounts/account-registry';
import type { Cloud } from '../engine/cloud';
import { newRecordBase } from '../model/access';
import type { ImageRecord, VmRecord, VolumeRecord } from '../model/records';

/**
 * The VM osc-packer itself runs on, as the chroot builder sees it through the metadata service: a
 * running VM of the account, launched from the catalog image. It has no machine of its own (no SSH);
 * volumes linked to it are the host's business.
 */
export function createHostVm(cloud: Cloud, account: Account, image: ImageRecord): VmRecord {
  const vm: VmRecord = {
    ...newRecordBase(cloud, 'vm', account),
    state: 'running',
    stateReason: '',
    imageId: image.id,
    vmType: 'tinav5.c2r4p2',
    securityGroupIds: [...cloud.state.securityGroups.values()]
      .filter((g) => g.accountId === account.accountId && g.isDefault && !g.netId)
      .map((g) => g.id),
    privateIp: cloud.addresses.private.allocate(),
    launchPublicIp: cloud.addresses.vmPublic.allocate(),
    macAddress: 'aa:21:00:00:00:01',
    subregionName: cloud.subregions[0] ?? `${cloud.region}a`,
    tenancy: 'default',
    launchNumber: 0,
    reservationId: cloud.state.newId('reservation'),
    shutdownBehavior: 'stop',
    deletionProtection: false,
    performance: 'high',
    bootMode: 'legacy',
    tpmEnabled: false,
    nestedVirtualization: false,
    isSourceDestChecked: true,
    architecture: image.architecture,
    productCodes: [...image.productCodes],
    rootDeviceName: image.rootDeviceName,
    authorizedKeys: [],
    consoleLines: ['local-cloud: the host VM (where osc-packer runs)'],
    isHost: true,
    lifecycle: Promise.resolve(),
  };
  vm.visibleAt = vm.createdAt.getTime();
  cloud.state.vms.set(vm.id, vm);
  const root: VolumeRecord = {
    ...newRecordBase(cloud, 'volume', account),
    state: 'in-use',
    size: image.blockDevices[0]?.volumeSize ?? 10,
    volumeType: 'standard',
    snapshotId: image.blockDevices[0]?.snapshotId,
    subregionName: vm.subregionName,
    ready: Promise.resolve(),
    link: {
      vmId: vm.id,
      deviceName: vm.rootDeviceName,
      state: 'attached',
      deleteOnVmDeletion: true,
      linkDate: vm.createdAt,
    },
  };
  root.visibleAt = vm.visibleAt;
  cloud.state.volumes.set(root.id, root);
  return vm;
}
