import type { ImageRecord, SnapshotRecord, VmRecord, VolumeRecord } from '../model/records';
import type { Cloud } from './cloud';
import { freezeVolume, releaseSnapshotData, settleSnapshot, startProgress } from './snapshot-lifecycle';
import { withMachineStopped } from './vm-lifecycle';

/** One volume of the VM being imaged, and the snapshot that receives its data. */
export interface ImagedVolume {
  volume: VolumeRecord;
  snapshot: SnapshotRecord;
}

function settleImage(cloud: Cloud, image: ImageRecord, snapshots: readonly SnapshotRecord[], failure?: string) {
  if (image.state !== 'pending') return;
  if (failure === undefined && snapshots.every((snapshot) => snapshot.state === 'completed')) {
    image.state = 'available';
    return;
  }
  image.state = 'failed';
  image.stateComment = { code: 'Server.InternalError', message: failure ?? 'a snapshot of the OMI failed' };
  cloud.log.warn(`OMI ${image.id} failed: ${image.stateComment.message}`);
}

/**
 * Makes an OMI from a VM: each volume's data is frozen into its snapshot (with the machine shut down
 * unless `noReboot`), then the snapshots complete and the OMI becomes `available`.
 */
export function imageVmInBackground(
  cloud: Cloud,
  image: ImageRecord,
  vm: VmRecord,
  volumes: readonly ImagedVolume[],
  noReboot: boolean,
): void {
  for (const { snapshot } of volumes) startProgress(cloud, snapshot);
  const freezeAll = async () => {
    await Promise.all(volumes.map(({ volume, snapshot }) => freezeVolume(cloud, snapshot, volume)));
  };
  cloud.scheduler.run(async () => {
    const frozen = noReboot || !vm.running ? freezeAll() : withMachineStopped(cloud, vm, freezeAll);
    const [copy] = await Promise.allSettled([
      frozen,
      cloud.scheduler.wait('imageCreate'),
      cloud.scheduler.wait('snapshotCreate'),
    ]);
    const failure = copy.status === 'rejected' ? String(copy.reason) : undefined;
    for (const { snapshot } of volumes) {
      settleSnapshot(snapshot, failure === undefined);
      if (snapshot.state !== 'completed') await releaseSnapshotData(cloud, snapshot);
    }
    settleImage(
      cloud,
      image,
      volumes.map(({ snapshot }) => snapshot),
      failure,
    );
  });
}

/** An OMI whose snapshots already exist (registered from snapshots, copied): `pending -> available`. */
export function registerImageInBackground(cloud: Cloud, image: ImageRecord, snapshots: readonly SnapshotRecord[]) {
  cloud.scheduler.run(async () => {
    await cloud.scheduler.wait('imageCreate');
    settleImage(cloud, image, snapshots);
  });
}
