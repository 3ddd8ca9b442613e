import type { ImageExportTask } from '@osc-packer/oapi-client';
import { errors } from '../api/errors';
import type { OperationDefinition } from '../api/operation';
import { checkKnownFields, optionalObject, optionalString, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { snapshotData } from '../engine/snapshot-lifecycle';
import { byCreation, callerOf, findOwned, isVisible, newRecordBase } from '../model/access';
import type { ExportedImage, ImageExportTaskRecord, ImageRecord, SnapshotDataRef } from '../model/records';
import { presentTags } from '../present/common';
import { applyFilters, type FilterTable } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';

/** Where local-cloud serves exported manifests (its stand-in for an OOS bucket). */
export const manifestPathPrefix = '/local-cloud/oos/';

function presentTask(task: ImageExportTaskRecord): ImageExportTask {
  return {
    TaskId: task.id,
    ImageId: task.imageId,
    State: task.state,
    Progress: task.progress,
    Comment: task.comment,
    OsuExport: {
      DiskImageFormat: task.diskImageFormat,
      OsuBucket: task.osuBucket,
      OsuPrefix: task.osuPrefix,
      ...(task.manifestUrl ? { OsuManifestUrl: task.manifestUrl } : {}),
    },
    Tags: presentTags(task, task.accountId),
  };
}

// The export holds on to the OMI's data, so the OMI (and its snapshots) may be deleted afterwards.
function exportImage(cloud: Cloud, image: ImageRecord): ExportedImage {
  const devices = image.blockDevices.flatMap((device) => {
    const snapshot = device.snapshotId ? cloud.state.snapshots.get(device.snapshotId) : undefined;
    if (!snapshot) return [];
    const ref = snapshot.dataRef;
    if (ref) ref.users += 1;
    let loaded: Promise<SnapshotDataRef> | undefined;
    const data = () => {
      loaded ??= ref ? Promise.resolve(ref) : snapshotData(snapshot);
      return loaded;
    };
    return [{ device: { ...device, snapshotId: undefined }, volumeSize: snapshot.volumeSize, data }];
  });
  return {
    name: image.name,
    description: image.description,
    architecture: image.architecture,
    rootDeviceName: image.rootDeviceName,
    bootModes: [...image.bootModes],
    devices,
  };
}

/** The exported OMI a manifest URL of this cloud points at. */
export function findExportByManifest(cloud: Cloud, url: string): ExportedImage | undefined {
  for (const task of cloud.state.imageExportTasks.values()) {
    if (task.state === 'completed' && task.manifestUrl === url) return task.exported;
  }
  return undefined;
}

/** The manifest document served for an export, or undefined when no export wrote that path. */
export function manifestDocument(cloud: Cloud, path: string): string | undefined {
  for (const task of cloud.state.imageExportTasks.values()) {
    if (task.state !== 'completed' || !task.manifestUrl || new URL(task.manifestUrl).pathname !== path) continue;
    return JSON.stringify({ imageId: task.imageId, format: task.diskImageFormat, name: task.exported?.name }, null, 2);
  }
  return undefined;
}

const taskFilters: FilterTable<ImageExportTaskRecord> = {
  ImageIds: { type: 'strings', values: (t) => [t.imageId] },
  TaskIds: { type: 'strings', values: (t) => [t.id] },
};

/** CreateImageExportTask and ReadImageExportTasks. */
export function imageExportOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation('CreateImageExportTask', ['ImageId', 'OsuExport'], (context, body) => {
      const account = callerOf(context);
      const image = findOwned(cloud.state.images, requiredString(body, 'ImageId'), context, 'image');
      const osu = optionalObject(body, 'OsuExport');
      if (!osu) throw errors.missingParameter('OsuExport');
      checkKnownFields(osu, ['DiskImageFormat', 'OsuApiKey', 'OsuBucket', 'OsuManifestUrl', 'OsuPrefix'], 'OsuExport');
      const format = requiredString(osu, 'DiskImageFormat', 'OsuExport.DiskImageFormat');
      if (format !== 'qcow2' && format !== 'raw')
        throw errors.invalidParameterValue('OsuExport.DiskImageFormat', format);
      const bucket = requiredString(osu, 'OsuBucket', 'OsuExport.OsuBucket');
      if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
        throw errors.invalidParameterValue('OsuExport.OsuBucket', bucket, '4002');
      if (image.state !== 'available') throw errors.invalidState('6001', `The OMI '${image.id}' is ${image.state}.`);
      const task: ImageExportTaskRecord = {
        ...newRecordBase(cloud, 'imageExportTask', account),
        imageId: image.id,
        state: 'pending/queued',
        progress: 0,
        comment: 'Export of OMI queued',
        diskImageFormat: format,
        osuBucket: bucket,
        osuPrefix: optionalString(osu, 'OsuPrefix', 'OsuExport.OsuPrefix') ?? '',
        exported: exportImage(cloud, image),
      };
      cloud.state.imageExportTasks.set(task.id, task);
      cloud.scheduler.run(async () => {
        await cloud.scheduler.sleep(0);
        task.state = 'pending';
        task.comment = 'Export of OMI in progress';
        await cloud.scheduler.wait('imageExport');
        const key = `${task.osuPrefix}${image.id}/${image.id}.${task.diskImageFormat}.manifest`;
        task.manifestUrl = `http://${cloud.endpointHost()}${manifestPathPrefix}${bucket}/${key}`;
        task.state = 'completed';
        task.progress = 100;
        task.comment = 'Export of OMI completed';
      });
      return { ImageExportTask: presentTask(task) };
    }),
    defineOperation('ReadImageExportTasks', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.imageExportTasks.values()).filter(
        (task) => task.accountId === accountId && isVisible(task, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, taskFilters), context.operation, body);
      return { ImageExportTasks: page.items.map(presentTask), NextPageToken: page.nextPageToken };
    }),
  ];
}
