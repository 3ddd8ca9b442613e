import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import { optionalBoolean, optionalInteger, optionalString, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { linkedVolumes } from '../engine/vm-lifecycle';
import {
  createVolumeInBackground,
  deleteVolumeInBackground,
  linkVolumeInBackground,
  unlinkVolumeInBackground,
} from '../engine/volume-lifecycle';
import { byCreation, callerOf, findOwned, findUsableSnapshot, isVisible, newRecordBase } from '../model/access';
import { isDeviceName } from '../model/device-names';
import type { VolumeRecord } from '../model/records';
import { presentVolume } from '../present/snapshot';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { idempotent } from './client-token';
import { defineOperation } from './define-operation';
import { volumeShape } from './volume-rules';

const volumeFilters: FilterTable<VolumeRecord> = {
  ClientTokens: { type: 'strings', values: (v) => [v.clientToken] },
  CreationDates: { type: 'dates', values: (v) => [v.createdAt] },
  LinkVolumeDeleteOnVmDeletion: { type: 'boolean', values: (v) => [v.link?.deleteOnVmDeletion] },
  LinkVolumeDeviceNames: { type: 'strings', values: (v) => [v.link?.deviceName] },
  LinkVolumeLinkDates: { type: 'dates', values: (v) => [v.link?.linkDate] },
  LinkVolumeLinkStates: { type: 'strings', values: (v) => [v.link?.state] },
  LinkVolumeVmIds: { type: 'strings', values: (v) => [v.link?.vmId] },
  SnapshotIds: { type: 'strings', values: (v) => [v.snapshotId] },
  SubregionNames: { type: 'strings', values: (v) => [v.subregionName] },
  VolumeIds: { type: 'strings', values: (v) => [v.id] },
  VolumeSizes: { type: 'integers', values: (v) => [v.size] },
  VolumeStates: { type: 'strings', values: (v) => [v.state] },
  VolumeTypes: { type: 'strings', values: (v) => [v.volumeType] },
  ...tagFilters((v: VolumeRecord) => v.tags),
};

/** CreateVolume, DeleteVolume, LinkVolume, UnlinkVolume, ReadVolumes. */
export function volumeOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation(
      'CreateVolume',
      ['SubregionName', 'Size', 'SnapshotId', 'VolumeType', 'Iops', 'ClientToken'],
      (context, body) => {
        const account = callerOf(context);
        const subregionName = requiredString(body, 'SubregionName');
        if (!cloud.subregions.includes(subregionName)) throw errors.notFound('subregion', subregionName);
        const snapshotId = optionalString(body, 'SnapshotId');
        const snapshot = snapshotId === undefined ? undefined : findUsableSnapshot(cloud, snapshotId, context);
        if (snapshot && snapshot.state !== 'completed') {
          throw errors.invalidState('6003', `The snapshot '${snapshot.id}' is ${snapshot.state}.`);
        }
        const shape = volumeShape(
          {
            size: optionalInteger(body, 'Size'),
            volumeType: optionalString(body, 'VolumeType'),
            iops: optionalInteger(body, 'Iops'),
          },
          snapshot,
          '',
        );
        return idempotent(
          cloud,
          context,
          body,
          (clientToken) => {
            const volume: VolumeRecord = {
              ...newRecordBase(cloud, 'volume', account),
              state: 'creating',
              ...shape,
              snapshotId,
              subregionName,
              clientToken,
              ready: Promise.resolve(),
            };
            cloud.state.volumes.set(volume.id, volume);
            createVolumeInBackground(cloud, volume, snapshot);
            return [volume.id];
          },
          ([id]) => {
            const volume = cloud.state.volumes.get(id ?? '');
            if (!volume) throw errors.notFound('volume', id ?? '');
            return { Volume: presentVolume(volume) };
          },
        );
      },
    ),
    defineOperation('DeleteVolume', ['VolumeId'], (context, body) => {
      const volume = findOwned(cloud.state.volumes, requiredString(body, 'VolumeId'), context, 'volume');
      if (volume.state === 'deleting') return {};
      if (volume.state !== 'available' && volume.state !== 'error') {
        throw errors.invalidState('6007', `The volume '${volume.id}' is ${volume.state} and cannot be deleted.`);
      }
      deleteVolumeInBackground(cloud, volume);
      return {};
    }),
    defineOperation('LinkVolume', ['VolumeId', 'VmId', 'DeviceName'], (context, body) => {
      const volume = findOwned(cloud.state.volumes, requiredString(body, 'VolumeId'), context, 'volume');
      const vm = findOwned(cloud.state.vms, requiredString(body, 'VmId'), context, 'vm');
      const deviceName = requiredString(body, 'DeviceName');
      if (!isDeviceName(deviceName)) throw errors.invalidParameterValue('DeviceName', deviceName, '4019');
      if (volume.state !== 'available')
        throw errors.invalidState('6007', `The volume '${volume.id}' is ${volume.state}.`);
      if (vm.state !== 'running' && vm.state !== 'stopped')
        throw errors.invalidState('6006', `The VM '${vm.id}' is ${vm.state}.`);
      if (volume.subregionName !== vm.subregionName) {
        throw errors.invalidParameterValue(
          'VmId',
          vm.id,
          '4081',
          `The volume is in ${volume.subregionName}, the VM in ${vm.subregionName}.`,
        );
      }
      if (linkedVolumes(cloud, vm).some((other) => other.link?.deviceName === deviceName)) {
        throw errors.conflict('9003', `The device '${deviceName}' of the VM '${vm.id}' is already in use.`);
      }
      linkVolumeInBackground(cloud, volume, vm, deviceName, false);
      return {};
    }),
    defineOperation('UnlinkVolume', ['VolumeId', 'ForceUnlink'], (context, body) => {
      const volume = findOwned(cloud.state.volumes, requiredString(body, 'VolumeId'), context, 'volume');
      optionalBoolean(body, 'ForceUnlink');
      const link = volume.link;
      if (!link || volume.state !== 'in-use')
        throw errors.invalidState('6007', `The volume '${volume.id}' is not linked.`);
      if (link.state === 'detaching') return {};
      const vm = cloud.state.vms.get(link.vmId);
      if (vm && link.deviceName === vm.rootDeviceName && vm.state !== 'stopped' && vm.state !== 'terminated') {
        throw errors.invalidState('6006', `The VM '${vm.id}' must be stopped to unlink its root volume.`);
      }
      unlinkVolumeInBackground(cloud, volume, vm);
      return {};
    }),
    defineOperation('ReadVolumes', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.volumes.values()).filter(
        (v) => v.accountId === accountId && isVisible(v, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, volumeFilters), context.operation, body);
      return { Volumes: page.items.map(presentVolume), NextPageToken: page.nextPageToken };
    }),
  ];
}
