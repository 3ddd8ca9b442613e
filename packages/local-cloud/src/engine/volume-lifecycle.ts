import type { SnapshotRecord, VmRecord, VolumeRecord } from '../model/records';
import type { Cloud } from './cloud';
import { snapshotData } from './snapshot-lifecycle';
import { onRunningMachine } from './vm-machine';

/** Starts making the volume's data (blank, or a copy of a snapshot); `volume.ready` settles when done. */
export function makeVolumeData(cloud: Cloud, volume: VolumeRecord, snapshot?: SnapshotRecord): void {
  volume.ready = (async () => {
    if (snapshot) {
      const ref = await snapshotData(snapshot);
      volume.data = await cloud.store.createVolumeFromSnapshot(volume.id, ref.data, volume.size);
    } else {
      volume.data = await cloud.store.createEmptyVolume(volume.id, volume.size);
    }
  })();
  // Whoever needs the data awaits `ready` and sees the failure; this only keeps it from going unhandled.
  volume.ready.catch(() => undefined);
}

/** A new volume: `creating`, then `available` (or `error` when its data could not be made). */
export function createVolumeInBackground(cloud: Cloud, volume: VolumeRecord, snapshot?: SnapshotRecord): void {
  makeVolumeData(cloud, volume, snapshot);
  cloud.scheduler.run(async () => {
    const [made] = await Promise.allSettled([volume.ready, cloud.scheduler.wait('volumeCreate')]);
    if (volume.state !== 'creating') return;
    if (made.status === 'rejected') cloud.log.warn(`volume ${volume.id} failed: ${String(made.reason)}`);
    volume.state = made.status === 'fulfilled' ? 'available' : 'error';
  });
}

/** Deletes a volume: `deleting`, then gone with its data. */
export function deleteVolumeInBackground(cloud: Cloud, volume: VolumeRecord): void {
  volume.state = 'deleting';
  volume.link = undefined;
  cloud.scheduler.run(async () => {
    await cloud.scheduler.wait('volumeDelete');
    cloud.state.volumes.delete(volume.id);
    await removeVolumeData(cloud, volume);
  });
}

/** Frees the stored data of a volume that is gone (immediately, e.g. on close or VM deletion). */
export async function removeVolumeData(cloud: Cloud, volume: VolumeRecord): Promise<void> {
  await volume.ready.catch(() => undefined);
  const data = volume.data;
  volume.data = undefined;
  if (data) await cloud.store.deleteVolume(data);
}

/** Links a volume to a VM: the link goes `attaching -> attached`, the volume is `in-use`. */
export function linkVolumeInBackground(
  cloud: Cloud,
  volume: VolumeRecord,
  vm: VmRecord,
  deviceName: string,
  deleteOnVmDeletion: boolean,
): void {
  volume.state = 'in-use';
  const link = { vmId: vm.id, deviceName, state: 'attaching' as const, deleteOnVmDeletion, linkDate: cloud.now() };
  volume.link = link;
  cloud.scheduler.run(async () => {
    await cloud.scheduler.wait('volumeAttach');
    // A running VM sees the disk now where its machine side can plug it; else at its next boot.
    const data = volume.data;
    if (data && volume.link === link) {
      await onRunningMachine(cloud, vm, `plugging ${volume.id} in at ${deviceName}`, (running) =>
        running.attachVolume?.(deviceName, data),
      );
    }
    if (volume.link === link) volume.link = { ...link, state: 'attached' };
  });
}

/** Unlinks a volume: the link goes `detaching`, then the volume is `available` again. */
export function unlinkVolumeInBackground(cloud: Cloud, volume: VolumeRecord, vm: VmRecord | undefined): void {
  const link = volume.link;
  if (!link) return;
  const detaching = { ...link, state: 'detaching' as const };
  volume.link = detaching;
  cloud.scheduler.run(async () => {
    if (vm) {
      await onRunningMachine(cloud, vm, `unplugging ${volume.id} from ${link.deviceName}`, (running) =>
        running.detachVolume?.(link.deviceName),
      );
    }
    await cloud.scheduler.wait('volumeDetach');
    if (volume.link !== detaching) return;
    volume.link = undefined;
    if (volume.state === 'in-use') volume.state = 'available';
  });
}
