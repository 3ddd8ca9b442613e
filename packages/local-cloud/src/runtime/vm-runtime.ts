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
}

/** A booted VM. */
export interface RunningVm {
  readonly vmId: string;
  /** Where its SSH server really listens: port 22 of `publicIp` when low ports may be bound, else a high port. */
  readonly ssh: { readonly host: string; readonly port: number };
  /** Stops every process of the VM and releases its mounts; the data stays in its volumes. Idempotent. */
  stop(): Promise<void>;
  /** Fault injection: drops every open SSH connection of this VM. */
  dropSshConnections(): void;
}

/** Runs VMs isolated from the host; refuses to start them where no isolation is available. */
export interface VmRuntime {
  /** How VMs are isolated here: namespaces as root, or user namespaces for an unprivileged user. */
  readonly isolation: 'root' | 'user-namespace';
  start(launch: VmLaunch): Promise<RunningVm>;
  /** Stops every VM. */
  close(): Promise<void>;
}
