import { randomBytes } from 'node:crypto';
import type { Account } from '../accounts/account-registry';
import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import type { Cloud } from '../engine/cloud';
import { bootInBackground } from '../engine/vm-lifecycle';
import { makeVolumeData } from '../engine/volume-lifecycle';
import { callerOf, newRecordBase } from '../model/access';
import { formatIp, parseCidr } from '../model/cidr';
import type { VmRecord, VolumeRecord } from '../model/records';
import { presentVm } from '../present/vm';
import { idempotent } from './client-token';
import { defineOperation } from './define-operation';
import { type LaunchPlan, planLaunch } from './vm-launch-plan';

const createVmsParameters = [
  'ActionsOnNextBoot',
  'BlockDeviceMappings',
  'BootMode',
  'BootOnCreation',
  'BsuOptimized',
  'ClientToken',
  'DeletionProtection',
  'ImageId',
  'KeypairName',
  'MaxVmsCount',
  'MinVmsCount',
  'NestedVirtualization',
  'Nics',
  'Performance',
  'Placement',
  'PrivateIps',
  'SecurityGroupIds',
  'SecurityGroups',
  'SubnetId',
  'TpmEnabled',
  'UserData',
  'VmInitiatedShutdownBehavior',
  'VmType',
] as const;

function macAddress(): string {
  const bytes = randomBytes(4);
  return ['aa', '21', ...[...bytes].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

function privateIpOf(cloud: Cloud, plan: LaunchPlan, index: number): string {
  const chosen = plan.privateIps[index];
  if (chosen !== undefined) return chosen;
  const subnet = plan.subnet;
  if (!subnet) return cloud.addresses.private.allocate();
  const cidr = parseCidr(subnet.ipRange);
  const taken = new Set(
    [...cloud.state.vms.values()].filter((vm) => vm.state !== 'terminated').map((vm) => vm.privateIp),
  );
  for (; cidr && subnet.nextHost < cidr.size - 1; subnet.nextHost += 1) {
    const address = formatIp(cidr.base + subnet.nextHost);
    if (!taken.has(address)) return address;
  }
  throw errors.quotaExceeded('10011', `The Subnet '${subnet.id}' has no free IP left.`);
}

function createVm(
  cloud: Cloud,
  account: Account,
  plan: LaunchPlan,
  index: number,
  reservationId: string,
  clientToken?: string,
): VmRecord {
  const vm: VmRecord = {
    ...newRecordBase(cloud, 'vm', account),
    state: 'pending',
    stateReason: '',
    imageId: plan.image.id,
    vmType: plan.vmType,
    keypairName: plan.keypair?.name,
    securityGroupIds: [...plan.securityGroupIds],
    netId: plan.subnet?.netId,
    subnetId: plan.subnet?.id,
    privateIp: privateIpOf(cloud, plan, index),
    launchPublicIp: cloud.addresses.vmPublic.allocate(),
    macAddress: macAddress(),
    nic: plan.subnet ? { nicId: cloud.state.newId('nic'), linkNicId: cloud.state.newId('linkNic') } : undefined,
    subregionName: plan.subregionName,
    tenancy: plan.tenancy,
    launchNumber: index,
    reservationId,
    clientToken,
    userData: plan.userData,
    shutdownBehavior: plan.shutdownBehavior,
    deletionProtection: plan.deletionProtection,
    performance: plan.performance,
    bootMode: plan.bootMode,
    tpmEnabled: plan.tpmEnabled,
    nestedVirtualization: plan.nestedVirtualization,
    isSourceDestChecked: true,
    architecture: plan.image.architecture,
    productCodes: [...plan.image.productCodes],
    rootDeviceName: plan.image.rootDeviceName,
    authorizedKeys: plan.keypair ? [plan.keypair.publicKey] : [],
    consoleLines: [],
    isHost: false,
    lifecycle: Promise.resolve(),
  };
  cloud.state.vms.set(vm.id, vm);
  for (const device of plan.devices) {
    const volume: VolumeRecord = {
      ...newRecordBase(cloud, 'volume', account),
      state: 'in-use',
      size: device.size,
      volumeType: device.volumeType,
      iops: device.iops,
      snapshotId: device.snapshot?.id,
      subregionName: vm.subregionName,
      ready: Promise.resolve(),
      link: {
        vmId: vm.id,
        deviceName: device.deviceName,
        state: 'attaching',
        deleteOnVmDeletion: device.deleteOnVmDeletion,
        linkDate: cloud.now(),
      },
    };
    volume.visibleAt = vm.visibleAt;
    cloud.state.volumes.set(volume.id, volume);
    makeVolumeData(cloud, volume, device.snapshot);
  }
  vm.consoleLines.push(`local-cloud: ${vm.id} launched from ${plan.image.id} (${plan.image.name})`);
  if (plan.bootOnCreation) bootInBackground(cloud, vm);
  else vm.state = 'stopped';
  return vm;
}

/** How many VMs to create: as many as asked, within the account's quota, at least MinVmsCount. */
function countWithinQuota(cloud: Cloud, account: Account, plan: LaunchPlan): number {
  const live = [...cloud.state.vms.values()].filter(
    (vm) => vm.accountId === account.accountId && vm.state !== 'terminated',
  ).length;
  const room = cloud.maxVmsPerAccount - live;
  if (room < plan.minCount) {
    throw errors.quotaExceeded('10010', `The account may have ${cloud.maxVmsPerAccount} VMs; ${live} exist.`);
  }
  return Math.min(plan.maxCount, room);
}

/** CreateVms: VMs `pending`, with their volumes, booting in the background. */
export function createVmsOperation(cloud: Cloud): OperationDefinition {
  return defineOperation('CreateVms', createVmsParameters, (context, body) => {
    const account = callerOf(context);
    return idempotent(
      cloud,
      context,
      body,
      (clientToken) => {
        const plan = planLaunch(cloud, context, body);
        const count = countWithinQuota(cloud, account, plan);
        const reservationId = cloud.state.newId('reservation');
        return Array.from(
          { length: count },
          (_, index) => createVm(cloud, account, plan, index, reservationId, clientToken).id,
        );
      },
      (ids) => ({
        Vms: ids.flatMap((id) => {
          const vm = cloud.state.vms.get(id);
          return vm ? [presentVm(cloud, vm)] : [];
        }),
      }),
    );
  });
}
