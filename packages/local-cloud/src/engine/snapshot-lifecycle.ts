import type { SnapshotDataRef, SnapshotRecord, VolumeRecord } from '../model/records';
import type { Cloud } from './cloud';

/** The frozen data of a snapshot, loading the catalog's on first use. Throws if there is none. */
export async function snapshotData(snapshot: SnapshotRecord): Promise<SnapshotDataRef> {
  if (snapshot.dataRef) return snapshot.dataRef;
  if (snapshot.loadData) {
    snapshot.dataRef = await snapshot.loadData();
    return snapshot.dataRef;
  }
  throw new Error(`snapshot ${snapshot.id} holds no data (state ${snapshot.state})`);
}

/** `Progress` of a snapshot: grows with the time its copy has taken, 100 once completed. */
export function snapshotProgress(snapshot: SnapshotRecord, now: Date): number {
  if (snapshot.state === 'completed') return 100;
  const window = snapshot.progressWindow;
  if (!window || snapshot.state !== 'pending') return snapshot.progress;
  if (window.durationMs <= 0) return 99;
  const elapsed = now.getTime() - window.startedAt;
  return Math.max(0, Math.min(99, Math.floor((elapsed / window.durationMs) * 100)));
}

/** Copies a volume's current data into the snapshot (the data part of `pending -> completed`). */
export async function freezeVolume(cloud: Cloud, snapshot: SnapshotRecord, volume: VolumeRecord): Promise<void> {
  await volume.ready;
  if (!volume.data) throw new Error(`volume ${volume.id} holds no data`);
  const data = await cloud.store.snapshotVolume(snapshot.id, volume.data);
  snapshot.dataRef = { data, users: 1, permanent: false };
}

/** Marks the snapshot's copy as started now, for `Progress`. */
export function startProgress(cloud: Cloud, snapshot: SnapshotRecord): void {
  snapshot.progressWindow = { startedAt: cloud.now().getTime(), durationMs: cloud.scheduler.timings.snapshotCreate };
}

/** Ends a snapshot's creation: completed when its data exists, else error. */
export function settleSnapshot(snapshot: SnapshotRecord, succeeded: boolean): void {
  if (snapshot.state !== 'pending') return;
  snapshot.state = succeeded && snapshot.dataRef ? 'completed' : 'error';
  snapshot.progress = snapshot.state === 'completed' ? 100 : snapshot.progress;
  snapshot.progressWindow = undefined;
}

/** Creates a snapshot of a volume in the background: `pending` (with progress) then `completed`. */
export function snapshotVolumeInBackground(cloud: Cloud, snapshot: SnapshotRecord, volume: VolumeRecord): void {
  startProgress(cloud, snapshot);
  cloud.scheduler.run(async () => {
    const [copy] = await Promise.allSettled([
      freezeVolume(cloud, snapshot, volume),
      cloud.scheduler.wait('snapshotCreate'),
    ]);
    if (copy.status === 'rejected') cloud.log.warn(`snapshot ${snapshot.id} failed: ${String(copy.reason)}`);
    settleSnapshot(snapshot, copy.status === 'fulfilled');
    // Deleted (or failed) while its data was being copied: nobody will ever use that data.
    if (snapshot.state !== 'completed') await releaseSnapshotData(cloud, snapshot);
  });
}

/** Drops a snapshot record's hold on its data; the data goes when its last user does. */
export async function releaseSnapshotData(cloud: Cloud, snapshot: SnapshotRecord): Promise<void> {
  const ref = snapshot.dataRef;
  snapshot.dataRef = undefined;
  if (!ref) return;
  ref.users -= 1;
  if (ref.users <= 0 && !ref.permanent) await cloud.store.deleteSnapshot(ref.data);
}

/** Deletes a snapshot: `deleting`, then gone with its data. */
export function deleteSnapshotInBackground(cloud: Cloud, snapshot: SnapshotRecord): void {
  snapshot.state = 'deleting';
  cloud.scheduler.run(async () => {
    await cloud.scheduler.wait('snapshotDelete');
    cloud.state.snapshots.delete(snapshot.id);
    await releaseSnapshotData(cloud, snapshot);
  });
}

/** Makes `target` hold the same data as `source` (a copy): shared, counted, deleted with its last user. */
export function shareSnapshotData(target: SnapshotRecord, source: SnapshotRecord): void {
  if (source.dataRef) {
    target.dataRef = source.dataRef;
    source.dataRef.users += 1;
  } else {
    // The catalog's data is loaded on first use and never deleted: the copy loads the same.
    target.loadData = source.loadData;
  }
}
