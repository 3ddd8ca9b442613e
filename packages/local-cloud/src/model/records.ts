import type { RunningVm, SnapshotData, VolumeData } from '../runtime/vm-runtime';

// The cloud's internal records. They hold what the API shows plus what only local-cloud needs (data
// handles, running machines); presenters turn them into the API's wire shapes.

/** Who else may use an image (launch) or a snapshot (create volumes). */
export interface Permissions {
  accountIds: Set<string>;
  global: boolean;
}

/** What every resource has. `visibleAt` delays visibility to inject eventual consistency. */
export interface RecordBase {
  id: string;
  accountId: string;
  createdAt: Date;
  visibleAt: number;
  tags: Map<string, string>;
}

export type VmStateName = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface VmRecord extends RecordBase {
  state: VmStateName;
  stateReason: string;
  imageId: string;
  vmType: string;
  keypairName?: string;
  securityGroupIds: string[];
  netId?: string;
  subnetId?: string;
  privateIp: string;
  /** The address given at launch; the VM's SSH server listens there. */
  launchPublicIp?: string;
  /** A public IP linked with LinkPublicIp, shown instead of the launch one. */
  linkedPublicIp?: string;
  macAddress: string;
  /** The primary NIC of a VM in a Net (VMs of the public Cloud show none). */
  nic?: { nicId: string; linkNicId: string };
  subregionName: string;
  tenancy: string;
  launchNumber: number;
  reservationId: string;
  clientToken?: string;
  userData?: string;
  shutdownBehavior: string;
  deletionProtection: boolean;
  performance: string;
  bootMode: string;
  tpmEnabled: boolean;
  nestedVirtualization: boolean;
  isSourceDestChecked: boolean;
  architecture: string;
  productCodes: string[];
  rootDeviceName: string;
  /** OpenSSH public keys the VM accepts (from the keypair at launch). */
  authorizedKeys: string[];
  running?: RunningVm;
  /** The SSH port its last boot listened on, asked for again at the next one (a stable endpoint). */
  sshPort?: number;
  terminatedAt?: Date;
  consoleLines: string[];
  /** The machine osc-packer itself runs on (for the chroot builder): never started, no SSH. */
  isHost: boolean;
  /** Serializes start/stop/terminate work on this VM. */
  lifecycle: Promise<void>;
}

export type VolumeStateName = 'creating' | 'available' | 'in-use' | 'deleting' | 'error';
export type LinkStateName = 'attaching' | 'attached' | 'detaching' | 'detached';

export interface VolumeLink {
  vmId: string;
  deviceName: string;
  state: LinkStateName;
  deleteOnVmDeletion: boolean;
  linkDate: Date;
}

export interface VolumeRecord extends RecordBase {
  state: VolumeStateName;
  size: number;
  volumeType: string;
  iops?: number;
  snapshotId?: string;
  subregionName: string;
  clientToken?: string;
  data?: VolumeData;
  /** Resolves once the data exists (or failed); work needing the data awaits it. */
  ready: Promise<void>;
  link?: VolumeLink;
}

/** Snapshot data shared by snapshot records (copies share it; it is deleted with its last user). */
export interface SnapshotDataRef {
  data: SnapshotData;
  users: number;
  /** Owned by the store (the catalog), never deleted through the API. */
  permanent: boolean;
}

export type SnapshotStateName = 'pending' | 'completed' | 'error' | 'deleting';

export interface SnapshotRecord extends RecordBase {
  state: SnapshotStateName;
  progress: number;
  description: string;
  volumeId?: string;
  volumeSize: number;
  clientToken?: string;
  permissions: Permissions;
  /** Set once the data is frozen; a lazily loaded catalog snapshot has `loadData` instead. */
  dataRef?: SnapshotDataRef;
  loadData?: () => Promise<SnapshotDataRef>;
  /** When the copy started and how long it takes, for `Progress`. */
  progressWindow?: { startedAt: number; durationMs: number };
}

export interface ImageBlockDevice {
  deviceName: string;
  snapshotId?: string;
  volumeSize?: number;
  volumeType?: string;
  iops?: number;
  deleteOnVmDeletion: boolean;
  virtualDeviceName?: string;
}

export type ImageStateName = 'pending' | 'available' | 'failed';

export interface ImageRecord extends RecordBase {
  state: ImageStateName;
  stateComment?: { code: string; message: string };
  name: string;
  description: string;
  architecture: string;
  rootDeviceName: string;
  blockDevices: ImageBlockDevice[];
  bootModes: string[];
  productCodes: string[];
  tpmMandatory: boolean;
  fileLocation: string;
  permissions: Permissions;
}

export interface KeypairRecord extends RecordBase {
  name: string;
  fingerprint: string;
  keypairType: string;
  /** The OpenSSH form of the public key, given to VMs launched with this keypair. */
  publicKey: string;
}

export interface SecurityGroupRuleRecord {
  id: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipRanges: string[];
  members: { accountId: string; securityGroupId: string; securityGroupName: string }[];
  serviceIds: string[];
}

export interface SecurityGroupRecord extends RecordBase {
  name: string;
  description: string;
  netId?: string;
  inbound: SecurityGroupRuleRecord[];
  outbound: SecurityGroupRuleRecord[];
  /** The group every account (and every Net) starts with; not a leak. */
  isDefault: boolean;
}

export interface PublicIpRecord extends RecordBase {
  address: string;
  link?: { linkPublicIpId: string; vmId: string };
}

export interface NetRecord extends RecordBase {
  ipRange: string;
  state: 'pending' | 'available' | 'deleting';
  tenancy: string;
  dhcpOptionsSetId: string;
}

export interface SubnetRecord extends RecordBase {
  netId: string;
  ipRange: string;
  subregionName: string;
  state: 'pending' | 'available' | 'deleted';
  mapPublicIpOnLaunch: boolean;
  nextHost: number;
}

export type ExportTaskStateName = 'pending/queued' | 'pending' | 'completed' | 'failed' | 'cancelled';

/** What an export put in the bucket: the OMI's description and a hold on each snapshot's data. */
export interface ExportedImage {
  name: string;
  description: string;
  architecture: string;
  rootDeviceName: string;
  bootModes: string[];
  devices: { device: ImageBlockDevice; volumeSize: number; data: () => Promise<SnapshotDataRef> }[];
}

export interface ImageExportTaskRecord extends RecordBase {
  imageId: string;
  state: ExportTaskStateName;
  progress: number;
  comment: string;
  diskImageFormat: string;
  osuBucket: string;
  osuPrefix: string;
  manifestUrl?: string;
  exported?: ExportedImage;
}
