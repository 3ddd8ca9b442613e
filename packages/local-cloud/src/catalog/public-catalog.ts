import { createHash } from 'node:crypto';
import type { Cloud } from '../engine/cloud';
import { rootDeviceName } from '../model/device-names';
import type { ImageRecord, SnapshotDataRef, SnapshotRecord } from '../model/records';

/** The catalog's Debian 12 OMI: its name starts with `Debian-12`, as templates filter on. */
export const debianImageName = 'Debian-12-2026.11.01-0';
const publishedAt = new Date('2026-11-01T08:00:00.000Z');

// Catalog ids are the same in every run, as Outscale's are stable per Region, so templates may pin them.
function stableId(prefix: string, name: string): string {
  return `${prefix}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/**
 * Publishes the public catalog, owned by the account aliased `Outscale`: a Debian 12 OMI launchable by
 * everyone, backed by the store's Debian snapshot (loaded on first use, never deleted).
 */
export function installPublicCatalog(cloud: Cloud, rootSizeGiB: number): ImageRecord {
  const owner = cloud.accounts.catalogOwner;
  let loading: Promise<SnapshotDataRef> | undefined;
  const snapshot: SnapshotRecord = {
    id: stableId('snap', debianImageName),
    accountId: owner.accountId,
    createdAt: publishedAt,
    visibleAt: 0,
    tags: new Map(),
    state: 'completed',
    progress: 100,
    description: `Snapshot of ${debianImageName}`,
    volumeSize: rootSizeGiB,
    permissions: { accountIds: new Set(), global: false },
    loadData: () => {
      loading ??= cloud.store.catalogSnapshot('debian-12').then((data) => ({ data, users: 1, permanent: true }));
      return loading;
    },
  };
  const image: ImageRecord = {
    id: stableId('ami', debianImageName),
    accountId: owner.accountId,
    createdAt: publishedAt,
    visibleAt: 0,
    tags: new Map(),
    state: 'available',
    name: debianImageName,
    description: 'Debian 12 (bookworm) with the user outscale, sudo and a POSIX userland',
    architecture: 'x86_64',
    rootDeviceName,
    blockDevices: [
      {
        deviceName: rootDeviceName,
        snapshotId: snapshot.id,
        volumeSize: rootSizeGiB,
        volumeType: 'standard',
        deleteOnVmDeletion: true,
      },
    ],
    bootModes: ['legacy', 'uefi'],
    productCodes: ['0001'],
    tpmMandatory: false,
    fileLocation: `${owner.alias}/${debianImageName}`,
    permissions: { accountIds: new Set(), global: true },
  };
  cloud.state.reserveId(snapshot.id);
  cloud.state.reserveId(image.id);
  cloud.state.snapshots.set(snapshot.id, snapshot);
  cloud.state.images.set(image.id, image);
  return image;
}
