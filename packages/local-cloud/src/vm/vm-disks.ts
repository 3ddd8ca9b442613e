import { stat } from 'node:fs/promises';
import { MachineError } from '../runtime/machine-error';
import type { VmLaunch, VolumeData } from '../runtime/vm-runtime';
import type { VolumeRecord } from '../storage/data-records';
import type { LocalDataStore } from '../storage/data-store';
import { attachLoopDevice, detachLoopDevice } from './loop-device';
import type { VmInit } from './vm-init';

type TreeVolume = Extract<VolumeRecord, { kind: 'tree' }>;

interface Disk {
  readonly volume: VolumeData;
  /** The loop device behind it (root only). */
  readonly loop?: string;
}

/** The name under /dev of a device name (`/dev/sdb` -> `sdb`), or why it is not one. */
function deviceBaseName(vmId: string, deviceName: string): string {
  const name = /^\/dev\/([a-z][a-z0-9]*)$/.exec(deviceName)?.[1];
  if (!name) throw new MachineError('invalid-launch', `${vmId}: invalid device name ${deviceName}`);
  return name;
}

/**
 * The volumes of one boot of a VM: claimed in the store while it runs (so they cannot be deleted or used
 * twice), extra disks as loop devices as root (the image file itself rootless), at boot or plugged while
 * it runs; `release` gives everything back.
 */
export class VmDisks {
  private readonly disks = new Map<string, Disk>();
  private readonly claimed: VolumeData[] = [];

  constructor(
    private readonly store: LocalDataStore,
    private readonly vmId: string,
  ) {}

  /**
   * Claims the launch's volumes; returns the root filesystem, the disks to show at boot, and why some
   * cannot be shown (root filesystems linked as extra disks: the VM boots without them).
   */
  async prepareBoot(
    launch: VmLaunch,
  ): Promise<{ root: TreeVolume; sources: { name: string; source: string }[]; skipped: string[] }> {
    const root = this.store.volumeRecord(launch.root.volume);
    if (root.kind !== 'tree') {
      throw new MachineError(
        'invalid-launch',
        `${this.vmId}: root volume ${root.id} is a raw disk image; local-cloud boots VMs from root filesystems (volumes made from its catalog image and the snapshots of their root volumes)`,
      );
    }
    this.claim(launch.root.volume);
    const sources: { name: string; source: string }[] = [];
    const skipped: string[] = [];
    for (const disk of launch.extraDisks) {
      const name = deviceBaseName(this.vmId, disk.deviceName);
      let file: string;
      try {
        file = this.rawFile(disk.volume, disk.deviceName);
      } catch (error) {
        skipped.push(error instanceof Error ? error.message : String(error));
        continue;
      }
      this.claim(disk.volume);
      // As root a disk is a real block device; rootless, the image file itself stands at /dev/<name>.
      const loop = this.store.privileged ? await attachLoopDevice(file) : undefined;
      this.disks.set(name, { volume: disk.volume, ...(loop ? { loop } : {}) });
      sources.push({ name, source: loop ?? file });
    }
    return { root, sources, skipped };
  }

  /**
   * Shows a volume at `deviceName` inside the running VM, through its init (root only: rootless, a user
   * namespace may not make device nodes, and the disk shows at the next boot). Linking the same volume
   * at the same name again does nothing.
   */
  async attach(init: VmInit, deviceName: string, volume: VolumeData): Promise<void> {
    const name = deviceBaseName(this.vmId, deviceName);
    const present = this.disks.get(name);
    if (present?.volume.id === volume.id) return;
    if (present)
      throw new MachineError('invalid-launch', `${this.vmId}: ${deviceName} is taken by ${present.volume.id}`);
    if (!this.store.privileged) {
      throw new MachineError('unsupported', `${this.vmId}: rootless VMs see ${volume.id} at their next boot`);
    }
    const file = this.rawFile(volume, deviceName);
    this.claim(volume);
    let loop: string | undefined;
    try {
      loop = await attachLoopDevice(file);
      const { rdev } = await stat(loop);
      const major = Math.floor(rdev / 256) & 0xfff;
      const minor = (rdev & 0xff) | (Math.floor(rdev / 4096) & ~0xff);
      await init.command(['attach', name, major, minor]);
      this.disks.set(name, { volume, loop });
    } catch (error) {
      if (loop) await detachLoopDevice(loop);
      this.unclaim(volume);
      throw error;
    }
  }

  /** Removes the device at `deviceName` from the running VM (unmounting what the VM mounted from it). */
  async detach(init: VmInit, deviceName: string): Promise<void> {
    const name = deviceBaseName(this.vmId, deviceName);
    const disk = this.disks.get(name);
    if (!disk) return;
    if (!this.store.privileged) {
      throw new MachineError('unsupported', `${this.vmId}: rootless VMs lose ${disk.volume.id} at their next boot`);
    }
    await init.command(['detach', name]);
    this.disks.delete(name);
    if (disk.loop) await detachLoopDevice(disk.loop);
    this.unclaim(disk.volume);
  }

  /** Detaches every loop device and gives every volume back (once the VM's processes are gone). */
  async release(): Promise<void> {
    for (const disk of this.disks.values()) if (disk.loop) await detachLoopDevice(disk.loop);
    this.disks.clear();
    for (const volume of this.claimed.splice(0)) this.store.releaseVolume(volume, this.vmId);
  }

  private rawFile(volume: VolumeData, deviceName: string): string {
    const record = this.store.volumeRecord(volume);
    if (record.kind !== 'raw') {
      throw new MachineError(
        'invalid-launch',
        `${this.vmId}: ${record.id} holds a root filesystem; local-cloud shows it only as a root volume, not as ${deviceName} (see the known differences in its README)`,
      );
    }
    return record.file;
  }

  private claim(volume: VolumeData): void {
    this.store.claimVolume(volume, this.vmId);
    this.claimed.push(volume);
  }

  private unclaim(volume: VolumeData): void {
    const index = this.claimed.findIndex((claimed) => claimed.id === volume.id);
    if (index >= 0) this.claimed.splice(index, 1);
    this.store.releaseVolume(volume, this.vmId);
  }
}
