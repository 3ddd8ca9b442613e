import { mkdtempSync } from 'node:fs';
import { chmod, mkdir, open, readdir, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newResourceId } from '../model/resource-id';
import { MachineError } from '../runtime/machine-error';
import { runCommand } from '../runtime/run-command';
import type { DataStore, SnapshotData, VolumeData } from '../runtime/vm-runtime';
import { buildCatalogLayer } from './catalog-layer';
import type { SnapshotRecord, VolumeRecord } from './data-records';
import { type HostUserland, inspectHostUserland } from './host-userland';
import { LayerSet } from './layer-set';
import { currentOwner, writeOwnerMarker } from './store-owner';
import { type SweepLogger, storePrefix, sweepAbandonedStores } from './sweep-stores';
import { cloneFile, cloneTree, removeTree } from './tree-copy';

export interface DataStoreOptions {
  /** Where the store makes its private (mode 0700) working directory; default: the OS temp directory. */
  parentDir?: string;
  /**
   * Whether the store runs as root (default: the process's uid is 0). Root keeps real owners in images
   * (root-owned system files, an `outscale`-owned home) and installs the setuid helper behind `sudo`.
   */
  privileged?: boolean;
  /**
   * Whether to remove, in the background, the stores that killed local-cloud processes left in
   * `parentDir` (default true; see `sweepAbandonedStores`). `swept` settles when it is done.
   */
  sweep?: boolean;
  /** Where the sweep says what it removed (default: nowhere). */
  logger?: SweepLogger;
}

/** Something to stop before the store's files go away (the VM runtimes using the store). */
export interface StoreUser {
  close(): Promise<void>;
}

const gib = 2 ** 30;
const catalogSizeGiB = 10;

/**
 * Volumes and snapshots as files under one private directory: root filesystems as overlay layers, extra
 * disks as sparse images. `close` stops the runtimes using it and removes everything it created.
 */
export class LocalDataStore implements DataStore {
  /** The store's private working directory. */
  readonly dir: string;
  readonly privileged: boolean;
  /** Settles, with what it removed, once the sweep of stores left by killed local-clouds is done. */
  readonly swept: Promise<string[]>;
  private readonly layers: LayerSet;
  private readonly volumes = new Map<string, VolumeRecord>();
  private readonly snapshots = new Map<string, SnapshotRecord>();
  private readonly users = new Set<StoreUser>();
  private readonly claims = new Map<string, string>();
  private userland: Promise<HostUserland> | undefined;
  private catalog: Promise<SnapshotRecord> | undefined;
  private closed = false;

  constructor(options: DataStoreOptions = {}) {
    this.privileged = options.privileged ?? process.getuid?.() === 0;
    const parentDir = options.parentDir ?? tmpdir();
    this.dir = mkdtempSync(join(parentDir, storePrefix));
    // Who owns the store, so that if this process is killed, the next local-cloud can tell and remove it.
    writeOwnerMarker(this.dir, currentOwner(new Date()));
    this.layers = new LayerSet(join(this.dir, 'layers'));
    const { logger } = options;
    this.swept =
      options.sweep === false
        ? Promise.resolve([])
        : sweepAbandonedStores({ parentDir, keep: this.dir, ...(logger ? { logger } : {}) }).catch((error) => {
            logger?.warn(`sweeping stores of killed local-clouds failed: ${String(error)}`);
            return [];
          });
  }

  async createEmptyVolume(volumeId: string, sizeGiB: number): Promise<VolumeData> {
    const dir = await this.newDataDir('volumes', volumeId);
    const file = join(dir, 'disk.raw');
    await (await open(file, 'wx', 0o600)).close();
    await truncate(file, sizeGiB * gib);
    return this.addVolume({ kind: 'raw', id: volumeId, sizeGiB, dir, file });
  }

  async createVolumeFromSnapshot(volumeId: string, snapshot: SnapshotData, sizeGiB: number): Promise<VolumeData> {
    const source = this.snapshotRecord(snapshot);
    if (sizeGiB < source.sizeGiB) {
      throw new MachineError('invalid-launch', `volume ${volumeId} (${sizeGiB} GiB) is smaller than ${snapshot.id}`);
    }
    const dir = await this.newDataDir('volumes', volumeId);
    if (source.kind === 'raw') {
      const file = join(dir, 'disk.raw');
      await cloneFile(source.file, file);
      await truncate(file, sizeGiB * gib);
      return this.addVolume({ kind: 'raw', id: volumeId, sizeGiB, dir, file });
    }
    const upper = join(dir, 'upper');
    const work = join(dir, 'work');
    await mkdir(upper);
    await chmod(upper, 0o755);
    await mkdir(work);
    this.layers.retain(source.layers);
    return this.addVolume({ kind: 'tree', id: volumeId, sizeGiB, dir, lowers: source.layers, upper, work });
  }

  async snapshotVolume(snapshotId: string, volume: VolumeData): Promise<SnapshotData> {
    const source = this.volumeRecord(volume);
    this.checkId(snapshotId);
    if (this.snapshots.has(snapshotId)) throw new MachineError('invalid-launch', `snapshot ${snapshotId} exists`);
    // What a VM wrote may still sit in the host's page cache: flush it before freezing the copy.
    await runCommand('sync', ['--file-system', source.dir]);
    if (source.kind === 'raw') {
      const dir = await this.newDataDir('snapshots', snapshotId);
      const file = join(dir, 'disk.raw');
      await cloneFile(source.file, file);
      return this.addSnapshot({ kind: 'raw', id: snapshotId, sizeGiB: source.sizeGiB, dir, file });
    }
    const layers = [...source.lowers];
    if ((await readdir(source.upper)).length > 0) {
      layers.unshift(await this.layers.create(snapshotId, (dir) => cloneTree(source.upper, dir)));
    }
    this.layers.retain(layers);
    return this.addSnapshot({ kind: 'tree', id: snapshotId, sizeGiB: source.sizeGiB, layers });
  }

  async deleteVolume(volume: VolumeData): Promise<void> {
    const record = this.volumeRecord(volume);
    const user = this.claims.get(record.id);
    if (user) throw new MachineError('invalid-launch', `volume ${record.id} is in use by ${user}`);
    this.volumes.delete(record.id);
    await removeTree(record.dir);
    if (record.kind === 'tree') await this.layers.release(record.lowers);
  }

  async deleteSnapshot(snapshot: SnapshotData): Promise<void> {
    const record = this.snapshotRecord(snapshot);
    this.snapshots.delete(record.id);
    if (record.kind === 'raw') await removeTree(record.dir);
    else await this.layers.release(record.layers);
  }

  async catalogSnapshot(name: 'debian-12'): Promise<SnapshotData> {
    if (name !== 'debian-12') throw new MachineError('unknown-data', `no catalog image named ${String(name)}`);
    this.catalog ??= this.buildCatalog();
    const record = await this.catalog;
    return { id: record.id, sizeGiB: record.sizeGiB };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const user of [...this.users]) await user.close();
    await this.swept;
    await removeTree(this.dir);
  }

  /** What the host lends VMs of its userland (for the VM runtime). */
  hostUserland(): Promise<HostUserland> {
    this.userland ??= inspectHostUserland('/', this.privileged);
    return this.userland;
  }

  /** The stored data behind a volume (for the VM runtime); throws `unknown-data` for a deleted one. */
  volumeRecord(volume: VolumeData): VolumeRecord {
    this.checkOpen();
    const record = this.volumes.get(volume.id);
    if (!record) throw new MachineError('unknown-data', `volume ${volume.id} is not in this data store`);
    return record;
  }

  /** Marks a volume as attached to a VM, so it cannot be deleted or attached twice. */
  claimVolume(volume: VolumeData, vmId: string): void {
    const record = this.volumeRecord(volume);
    const user = this.claims.get(record.id);
    if (user && user !== vmId) throw new MachineError('invalid-launch', `volume ${record.id} is in use by ${user}`);
    this.claims.set(record.id, vmId);
  }

  releaseVolume(volume: VolumeData, vmId: string): void {
    if (this.claims.get(volume.id) === vmId) this.claims.delete(volume.id);
  }

  /** Registers something `close` must stop first; returns a function that unregisters it. */
  addUser(user: StoreUser): () => void {
    this.checkOpen();
    this.users.add(user);
    return () => this.users.delete(user);
  }

  private async buildCatalog(): Promise<SnapshotRecord> {
    const userland = await this.hostUserland();
    const layer = await this.layers.create('catalog-debian-12', async (dir) => {
      await mkdir(dir);
      await buildCatalogLayer(dir, { userland, privileged: this.privileged });
    });
    this.layers.retain([layer]);
    const record: SnapshotRecord = {
      kind: 'tree',
      id: newResourceId('snapshot'),
      sizeGiB: catalogSizeGiB,
      layers: [layer],
    };
    this.snapshots.set(record.id, record);
    return record;
  }

  private snapshotRecord(snapshot: SnapshotData): SnapshotRecord {
    this.checkOpen();
    const record = this.snapshots.get(snapshot.id);
    if (record) return record;
    throw new MachineError('unknown-data', `snapshot ${snapshot.id} is not in this data store`);
  }

  private addVolume(record: VolumeRecord): VolumeData {
    this.volumes.set(record.id, record);
    return { id: record.id, sizeGiB: record.sizeGiB };
  }

  private addSnapshot(record: SnapshotRecord): SnapshotData {
    this.snapshots.set(record.id, record);
    return { id: record.id, sizeGiB: record.sizeGiB };
  }

  private async newDataDir(kind: 'volumes' | 'snapshots', id: string): Promise<string> {
    this.checkId(id);
    const existing = kind === 'volumes' ? this.volumes.has(id) : this.snapshots.has(id);
    if (existing) throw new MachineError('invalid-launch', `${id} already exists in this data store`);
    await mkdir(join(this.dir, kind), { recursive: true });
    const dir = join(this.dir, kind, id);
    await mkdir(dir);
    return dir;
  }

  private checkId(id: string): void {
    this.checkOpen();
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
      throw new MachineError('invalid-launch', `invalid id ${JSON.stringify(id)}`);
  }

  private checkOpen(): void {
    if (this.closed) throw new MachineError('closed', 'the data store is closed');
  }
}

/** A data store in a new private directory under `options.parentDir` (default: the OS temp directory). */
export function createDataStore(options: DataStoreOptions = {}): LocalDataStore {
  return new LocalDataStore(options);
}
