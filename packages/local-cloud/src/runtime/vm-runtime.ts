// The contract between local-cloud's API side (resources, state machines) and its machine side (data of
// volumes and snapshots, VMs that run commands and answer SSH). The API side decides *when* things happen;
// the machine side makes them real.

/** Stored data of one volume: a root filesystem, or the raw content of an extra disk. */
export interface VolumeData {
  readonly id: string;
  readonly sizeGiB: number;
}

/** Frozen data of a snapshot; volumes made from it start with exactly this content. */
export interface SnapshotData {
  readonly id: string;
  readonly sizeGiB: number;
}

/** Where volume and snapshot data live. Everything it creates is removed by `close`. */
export interface DataStore {
  /** A new blank volume (an extra disk the VM sees as a block device). */
  createEmptyVolume(volumeId: string, sizeGiB: number): Promise<VolumeData>;
  /** A new volume holding a snapshot's data; `sizeGiB` is at least the snapshot's size. */
  createVolumeFromSnapshot(volumeId: string, snapshot: SnapshotData, sizeGiB: number): Promise<VolumeData>;
  /** Freezes a volume's current data into a snapshot; later writes to the volume do not reach it. */
  snapshotVolume(snapshotId: string, volume: VolumeData): Promise<SnapshotData>;
  deleteVolume(volume: VolumeData): Promise<void>;
  deleteSnapshot(snapshot: SnapshotData): Promise<void>;
  /** The snapshot behind the public catalog's Debian 12 image (user `outscale`, sudo, a POSIX userland). */
  catalogSnapshot(name: 'debian-12'): Promise<SnapshotData>;
  close(): Promise<void>;
}

/** What a VM boots with. */
export interface VmLaunch {
  vmId: string;
  hostname: string;
  privateIp: string;
  /** A loopback address of this machine, unique to the VM; its SSH server listens there. */
  publicIp: string;
  root: { deviceName: string; volume: VolumeData };
  extraDisks: readonly { deviceName: string; volume: VolumeData }[];
  /** OpenSSH public keys accepted for the user `outscale` (the keypair named at CreateVms). */
  authorizedKeys: readonly string[];
  userData?: Uint8Array;
  /**
   * The port its SSH server should take when it cannot have 22 (rootless): the one an earlier boot of the
   * same VM had, so an endpoint a build resolved once still answers after a reboot. Another free port is
   * taken when this one is busy.
   */
  sshPort?: number;
  /**
   * The VM's firewall for new SSH connections (its security groups' inbound rules): false drops the
   * connection before any SSH byte is sent. Asked at each connection, so rule changes apply at once.
   * Absent: every connection is let in.
   */
  admitSsh?(client: { readonly address: string; readonly port: number }): boolean;
}

/**
 * Why one boot of a VM ended: `stopped` (its `stop()` was called), `reboot`, `poweroff` or `halt` (asked
 * from inside the VM: `reboot`, `shutdown -r|-h|-H`, `poweroff`, `halt`, `systemctl …`, `init 0|6`), or
 * `crashed` (its init died otherwise, e.g. killed from outside).
 */
export type VmExitReason = 'stopped' | 'reboot' | 'poweroff' | 'halt' | 'crashed';

/** How one boot of a VM ended. */
export interface VmExit {
  readonly reason: VmExitReason;
  /** A sentence for logs and the console. */
  readonly detail: string;
}

/**
 * One boot of a VM: from `start` until it stops (by `stop()`, or from inside). A reboot from inside ends
 * it too; the API side then starts the VM again (a new `RunningVm`) with the same volumes.
 */
export interface RunningVm {
  readonly vmId: string;
  /** Where its SSH server really listens: port 22 of `publicIp` when low ports may be bound, else a high port. */
  readonly ssh: { readonly host: string; readonly port: number };
  /**
   * Settles once this boot has ended, every process gone and the disks released, saying why. Runtimes
   * that cannot tell leave it out.
   */
  readonly exited?: Promise<VmExit>;
  /** Stops every process of the VM and releases its mounts; the data stays in its volumes. Idempotent. */
  stop(): Promise<void>;
  /** Fault injection: drops every open SSH connection of this VM. */
  dropSshConnections(): void;
  /** Shows a volume linked while the VM runs at `deviceName` inside it. Optional: else at the next boot. */
  attachVolume?(deviceName: string, volume: VolumeData): Promise<void>;
  /** Removes the device of an unlinked volume from inside the running VM. Optional: else at the next boot. */
  detachVolume?(deviceName: string): Promise<void>;
  /** The VM's console since this boot began (kernel-like boot lines, user-data output). Optional. */
  consoleOutput?(): string;
}

/** Runs VMs isolated from the host; refuses to start them where no isolation is available. */
export interface VmRuntime {
  /** How VMs are isolated here: namespaces as root, or user namespaces for an unprivileged user. */
  readonly isolation: 'root' | 'user-namespace';
  start(launch: VmLaunch): Promise<RunningVm>;
  /** Stops every VM. */
  close(): Promise<void>;
}
