import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import {
  checkKnownFields,
  oneOf,
  optionalBoolean,
  optionalObject,
  optionalObjectList,
  optionalString,
  optionalStringList,
  requiredString,
} from '../api/params';
import { findVmType } from '../catalog/vm-types';
import type { Cloud } from '../engine/cloud';
import { linkedVolumes } from '../engine/vm-lifecycle';
import { findOwned } from '../model/access';
import { presentVm } from '../present/vm';
import { defineOperation } from './define-operation';
import { findKeypairByName } from './keypair-operations';

const parameters = [
  'VmId',
  'ActionsOnNextBoot',
  'BlockDeviceMappings',
  'BsuOptimized',
  'DeletionProtection',
  'IsSourceDestChecked',
  'KeypairName',
  'NestedVirtualization',
  'Performance',
  'SecurityGroupIds',
  'UserData',
  'VmInitiatedShutdownBehavior',
  'VmType',
] as const;

/** UpdateVm: what can change on a VM, some of it only while it is stopped. */
export function updateVmOperation(cloud: Cloud): OperationDefinition {
  return defineOperation('UpdateVm', parameters, (context, body) => {
    const vm = findOwned(cloud.state.vms, requiredString(body, 'VmId'), context, 'vm');
    if (vm.state === 'terminated' || vm.state === 'shutting-down')
      throw errors.invalidState('6006', `The VM '${vm.id}' is ${vm.state}.`);
    for (const name of ['VmType', 'UserData', 'Performance', 'NestedVirtualization'] as const) {
      if (body[name] !== undefined && vm.state !== 'stopped') {
        throw errors.invalidState('6006', `The VM '${vm.id}' must be stopped to change ${name}.`);
      }
    }
    const vmType = optionalString(body, 'VmType');
    if (vmType !== undefined && !findVmType(vmType)) throw errors.notFound('vmType', vmType);
    const keypairName = optionalString(body, 'KeypairName');
    const keypair = keypairName === undefined ? undefined : findKeypairByName(cloud, context, keypairName);
    if (keypairName !== undefined && !keypair) throw errors.notFound('keypair', keypairName);
    const groupIds = optionalStringList(body, 'SecurityGroupIds');
    for (const id of groupIds ?? []) {
      const group = findOwned(cloud.state.securityGroups, id, context, 'securityGroup');
      if (group.netId !== vm.netId)
        throw errors.invalidParameterValue('SecurityGroupIds', id, '4086', 'It is not in the Net of the VM.');
    }
    const behavior = oneOf(
      optionalString(body, 'VmInitiatedShutdownBehavior'),
      ['stop', 'restart', 'terminate'],
      'VmInitiatedShutdownBehavior',
    );
    const performance = oneOf(optionalString(body, 'Performance'), ['medium', 'high', 'highest'], 'Performance');
    const userData = optionalString(body, 'UserData');
    const mappings = (optionalObjectList(body, 'BlockDeviceMappings') ?? []).map((entry, index) => {
      const path = `BlockDeviceMappings.${index}`;
      checkKnownFields(entry, ['Bsu', 'DeviceName', 'NoDevice', 'VirtualDeviceName'], path);
      const bsu = optionalObject(entry, 'Bsu', `${path}.Bsu`) ?? {};
      checkKnownFields(bsu, ['DeleteOnVmDeletion', 'VolumeId'], `${path}.Bsu`);
      const deviceName = optionalString(entry, 'DeviceName', `${path}.DeviceName`);
      const volume = linkedVolumes(cloud, vm).find(
        (v) => v.link?.deviceName === deviceName || v.id === optionalString(bsu, 'VolumeId', `${path}.Bsu.VolumeId`),
      );
      if (!volume)
        throw errors.invalidParameterValue(`${path}.DeviceName`, deviceName, '4003', 'No volume of the VM is on it.');
      return {
        volume,
        deleteOnVmDeletion: optionalBoolean(bsu, 'DeleteOnVmDeletion', `${path}.Bsu.DeleteOnVmDeletion`),
      };
    });
    const deletionProtection = optionalBoolean(body, 'DeletionProtection');
    const sourceDest = optionalBoolean(body, 'IsSourceDestChecked');
    const nested = optionalBoolean(body, 'NestedVirtualization');
    optionalBoolean(body, 'BsuOptimized');
    optionalObject(body, 'ActionsOnNextBoot');
    if (vmType !== undefined) vm.vmType = vmType;
    if (keypair) {
      vm.keypairName = keypair.name;
      vm.authorizedKeys = [keypair.publicKey];
    }
    if (groupIds) vm.securityGroupIds = [...new Set(groupIds)];
    if (behavior) vm.shutdownBehavior = behavior;
    if (performance) vm.performance = performance;
    if (userData !== undefined) vm.userData = userData;
    if (deletionProtection !== undefined) vm.deletionProtection = deletionProtection;
    if (sourceDest !== undefined) vm.isSourceDestChecked = sourceDest;
    if (nested !== undefined) vm.nestedVirtualization = nested;
    for (const { volume, deleteOnVmDeletion } of mappings) {
      if (deleteOnVmDeletion !== undefined && volume.link) volume.link = { ...volume.link, deleteOnVmDeletion };
    }
    return { Vm: presentVm(cloud, vm) };
  });
}
