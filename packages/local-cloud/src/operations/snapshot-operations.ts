import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import { optionalObject, optionalString, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { deleteSnapshotInBackground, snapshotVolumeInBackground, startProgress } from '../engine/snapshot-lifecycle';
import {
  byCreation,
  callerOf,
  canUseSnapshot,
  findOwned,
  findUsableSnapshot,
  isVisible,
  newRecordBase,
} from '../model/access';
import type { SnapshotRecord } from '../model/records';
import { presentSnapshot } from '../present/snapshot';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { idempotent } from './client-token';
import { defineOperation } from './define-operation';
import { applyPermissionChanges } from './permissions';

function snapshotFilters(cloud: Cloud): FilterTable<SnapshotRecord> {
  return {
    AccountAliases: { type: 'strings', values: (s) => [cloud.accounts.aliasOf(s.accountId)] },
    AccountIds: { type: 'strings', values: (s) => [s.accountId] },
    ClientTokens: { type: 'strings', values: (s) => [s.clientToken] },
    Descriptions: { type: 'strings', wildcard: true, values: (s) => [s.description] },
    FromCreationDate: { type: 'from', value: (s) => s.createdAt.toISOString() },
    PermissionsToCreateVolumeAccountIds: { type: 'strings', values: (s) => [...s.permissions.accountIds] },
    PermissionsToCreateVolumeGlobalPermission: { type: 'boolean', values: (s) => [s.permissions.global] },
    Progresses: { type: 'integers', values: (s) => [presentSnapshot(cloud, s, s.accountId).Progress] },
    SnapshotIds: { type: 'strings', values: (s) => [s.id] },
    States: { type: 'strings', values: (s) => [s.state] },
    ToCreationDate: { type: 'to', value: (s) => s.createdAt.toISOString() },
    VolumeIds: { type: 'strings', values: (s) => [s.volumeId] },
    VolumeSizes: { type: 'integers', values: (s) => [s.volumeSize] },
    ...tagFilters((s: SnapshotRecord) => s.tags),
  };
}

/** A snapshot record with everything but its data. */
export function newSnapshotRecord(
  base: ReturnType<typeof newRecordBase>,
  fields: { description: string; volumeSize: number; volumeId?: string; clientToken?: string },
): SnapshotRecord {
  return {
    ...base,
    state: 'pending',
    progress: 0,
    permissions: { accountIds: new Set(), global: false },
    ...fields,
  };
}

/** The images (of any account) that use a snapshot. */
function imagesUsing(cloud: Cloud, snapshotId: string): string[] {
  return [...cloud.state.images.values()]
    .filter((image) => image.blockDevices.some((device) => device.snapshotId === snapshotId))
    .map((image) => image.id);
}

/** CreateSnapshot, DeleteSnapshot, UpdateSnapshot, ReadSnapshots. */
export function snapshotOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation(
      'CreateSnapshot',
      [
        'VolumeId',
        'Description',
        'ClientToken',
        'SourceSnapshotId',
        'SourceRegionName',
        'FileLocation',
        'SnapshotSize',
      ],
      (context, body) => {
        const account = callerOf(context);
        const description = optionalString(body, 'Description') ?? '';
        if (description.length > 255) throw errors.invalidParameterValue('Description', description);
        const volumeId = optionalString(body, 'VolumeId');
        const sourceId = optionalString(body, 'SourceSnapshotId');
        if (optionalString(body, 'FileLocation') !== undefined) {
          throw errors.invalidParameterValue(
            'FileLocation',
            body.FileLocation,
            '4002',
            'No bucket holds that snapshot.',
          );
        }
        if (volumeId === undefined && sourceId === undefined) throw errors.missingParameter('VolumeId');
        if (volumeId !== undefined && sourceId !== undefined) {
          throw errors.invalidParameterSet('VolumeId and SourceSnapshotId cannot be used together.');
        }
        return idempotent(
          cloud,
          context,
          body,
          (clientToken) => {
            const base = newRecordBase(cloud, 'snapshot', account);
            if (volumeId !== undefined) {
              const volume = findOwned(cloud.state.volumes, volumeId, context, 'volume');
              if (volume.state !== 'available' && volume.state !== 'in-use') {
                throw errors.invalidState('6007', `The volume '${volume.id}' is ${volume.state}.`);
              }
              const snapshot = newSnapshotRecord(base, {
                description,
                volumeSize: volume.size,
                volumeId,
                clientToken,
              });
              cloud.state.snapshots.set(snapshot.id, snapshot);
              snapshotVolumeInBackground(cloud, snapshot, volume);
              return [snapshot.id];
            }
            const region = requiredString(body, 'SourceRegionName');
            if (region !== cloud.region) throw errors.invalidParameterValue('SourceRegionName', region, '5043');
            const source = findUsableSnapshot(cloud, sourceId ?? '', context);
            if (source.state !== 'completed' || !source.dataRef) {
              throw errors.invalidState('6003', `The snapshot '${source.id}' is ${source.state}.`);
            }
            const copy = newSnapshotRecord(base, { description, volumeSize: source.volumeSize, clientToken });
            copy.dataRef = source.dataRef;
            source.dataRef.users += 1;
            cloud.state.snapshots.set(copy.id, copy);
            startProgress(cloud, copy);
            cloud.scheduler.run(async () => {
              await cloud.scheduler.wait('snapshotCreate');
              if (copy.state === 'pending') copy.state = 'completed';
              copy.progressWindow = undefined;
            });
            return [copy.id];
          },
          ([id]) => {
            const snapshot = cloud.state.snapshots.get(id ?? '');
            if (!snapshot) throw errors.notFound('snapshot', id ?? '');
            return { Snapshot: presentSnapshot(cloud, snapshot, account.accountId) };
          },
        );
      },
    ),
    defineOperation('DeleteSnapshot', ['SnapshotId'], (context, body) => {
      const snapshot = findOwned(cloud.state.snapshots, requiredString(body, 'SnapshotId'), context, 'snapshot');
      const images = imagesUsing(cloud, snapshot.id);
      if (images.length > 0) {
        throw errors.dependencyProblem(
          '1011',
          `The snapshot '${snapshot.id}' is used by the OMI '${images[0]}' and cannot be deleted.`,
        );
      }
      if (snapshot.state !== 'deleting') deleteSnapshotInBackground(cloud, snapshot);
      return {};
    }),
    defineOperation('UpdateSnapshot', ['SnapshotId', 'PermissionsToCreateVolume'], (context, body) => {
      const snapshot = findOwned(cloud.state.snapshots, requiredString(body, 'SnapshotId'), context, 'snapshot');
      const changes = optionalObject(body, 'PermissionsToCreateVolume');
      if (!changes) throw errors.missingParameter('PermissionsToCreateVolume');
      applyPermissionChanges(snapshot.permissions, changes, 'PermissionsToCreateVolume');
      return { Snapshot: presentSnapshot(cloud, snapshot, snapshot.accountId) };
    }),
    defineOperation('ReadSnapshots', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const usable = byCreation(cloud.state.snapshots.values()).filter(
        (s) => canUseSnapshot(s, accountId) && isVisible(s, context.now),
      );
      const page = paginate(applyFilters(usable, body.Filters, snapshotFilters(cloud)), context.operation, body);
      return {
        Snapshots: page.items.map((s) => presentSnapshot(cloud, s, accountId)),
        NextPageToken: page.nextPageToken,
      };
    }),
  ];
}
