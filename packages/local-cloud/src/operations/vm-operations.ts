import type { VmStateInfo } from '@osc-packer/oapi-client';
import { errors } from '../api/errors';
import type { CallContext, OperationDefinition, RequestBody } from '../api/operation';
import { optionalBoolean, requiredString, requiredStringList } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { startVm, stopVm, terminateVm } from '../engine/vm-lifecycle';
import { consoleText } from '../engine/vm-machine';
import { byCreation, callerOf, findOwned, isVisible } from '../model/access';
import type { VmRecord } from '../model/records';
import { presentVm } from '../present/vm';
import { applyFilters, type FilterTable } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';
import { vmFilters } from './vm-filters';
import { createVmsOperation } from './vm-launch';
import { updateVmOperation } from './vm-update';

const vmsStateFilters: FilterTable<VmRecord> = {
  MaintenanceEventCodes: { type: 'strings', values: () => [] },
  MaintenanceEventDescriptions: { type: 'strings', values: () => [] },
  MaintenanceEventsNotAfter: { type: 'dates', values: () => [] },
  MaintenanceEventsNotBefore: { type: 'dates', values: () => [] },
  SubregionNames: { type: 'strings', values: (vm) => [vm.subregionName] },
  VmIds: { type: 'strings', values: (vm) => [vm.id] },
  VmStates: { type: 'strings', values: (vm) => [vm.state] },
};

/** The caller's VMs named in `VmIds`, all checked before any is touched. */
function vmsOf(cloud: Cloud, context: CallContext, body: RequestBody): VmRecord[] {
  return [...new Set(requiredStringList(body, 'VmIds'))].map((id) => findOwned(cloud.state.vms, id, context, 'vm'));
}

function transition(vms: readonly VmRecord[], act: (vm: VmRecord) => void): { Vms: VmStateInfo[] } {
  return {
    Vms: vms.map((vm) => {
      const PreviousState = vm.state;
      act(vm);
      return { VmId: vm.id, PreviousState, CurrentState: vm.state };
    }),
  };
}

function ownVms(cloud: Cloud, context: CallContext): VmRecord[] {
  const accountId = callerOf(context).accountId;
  return byCreation(cloud.state.vms.values()).filter((vm) => vm.accountId === accountId && isVisible(vm, context.now));
}

/** Every VM operation: create, read, state polls, start/stop/delete, update, console and password. */
export function vmOperations(cloud: Cloud): OperationDefinition[] {
  const filters = vmFilters(cloud);
  return [
    createVmsOperation(cloud),
    updateVmOperation(cloud),
    defineOperation('ReadVms', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const page = paginate(applyFilters(ownVms(cloud, context), body.Filters, filters), context.operation, body);
      return { Vms: page.items.map((vm) => presentVm(cloud, vm)), NextPageToken: page.nextPageToken };
    }),
    defineOperation('ReadVmsState', ['AllVms', 'Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const all = optionalBoolean(body, 'AllVms') ?? false;
      const vms = ownVms(cloud, context).filter((vm) => all || vm.state === 'running');
      const page = paginate(applyFilters(vms, body.Filters, vmsStateFilters), context.operation, body);
      return {
        VmStates: page.items.map((vm) => ({
          VmId: vm.id,
          VmState: vm.state,
          SubregionName: vm.subregionName,
          MaintenanceEvents: [],
        })),
        NextPageToken: page.nextPageToken,
      };
    }),
    defineOperation('StopVms', ['VmIds', 'ForceStop'], (context, body) => {
      optionalBoolean(body, 'ForceStop');
      const vms = vmsOf(cloud, context, body);
      for (const vm of vms) {
        if (vm.state === 'shutting-down' || vm.state === 'terminated') {
          throw errors.invalidState('6006', `The VM '${vm.id}' is ${vm.state} and cannot be stopped.`);
        }
      }
      return transition(vms, (vm) => {
        if (vm.state === 'running' || vm.state === 'pending') stopVm(cloud, vm);
      });
    }),
    defineOperation('StartVms', ['VmIds'], (context, body) => {
      const vms = vmsOf(cloud, context, body);
      for (const vm of vms) {
        if (vm.state !== 'stopped' && vm.state !== 'running' && vm.state !== 'pending') {
          throw errors.invalidState('6006', `The VM '${vm.id}' is ${vm.state} and cannot be started.`);
        }
      }
      return transition(vms, (vm) => {
        if (vm.state === 'stopped') startVm(cloud, vm);
      });
    }),
    defineOperation('DeleteVms', ['VmIds'], (context, body) => {
      const vms = vmsOf(cloud, context, body);
      for (const vm of vms) {
        if (vm.deletionProtection && vm.state !== 'terminated') {
          throw errors.invalidState(
            '6006',
            `The VM '${vm.id}' has deletion protection; disable it with UpdateVm first.`,
          );
        }
      }
      return transition(vms, (vm) => {
        if (vm.state !== 'terminated' && vm.state !== 'shutting-down') terminateVm(cloud, vm);
      });
    }),
    defineOperation('ReadConsoleOutput', ['VmId'], (context, body) => {
      const vm = findOwned(cloud.state.vms, requiredString(body, 'VmId'), context, 'vm');
      // The console keeps its last 64 KiB, base64-encoded.
      const text = consoleText(vm);
      const tail = Buffer.from(text).subarray(-64 * 1024);
      return { VmId: vm.id, ConsoleOutput: tail.toString('base64') };
    }),
    defineOperation('ReadAdminPassword', ['VmId'], (context, body) => {
      const vm = findOwned(cloud.state.vms, requiredString(body, 'VmId'), context, 'vm');
      // Only Windows VMs get an administrator password; Linux VMs answer with an empty one.
      return { VmId: vm.id, AdminPassword: '' };
    }),
  ];
}
