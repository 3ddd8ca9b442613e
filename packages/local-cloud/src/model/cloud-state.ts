import type {
  ImageExportTaskRecord,
  ImageRecord,
  KeypairRecord,
  NetRecord,
  PublicIpRecord,
  RecordBase,
  SecurityGroupRecord,
  SnapshotRecord,
  SubnetRecord,
  VmRecord,
  VolumeRecord,
} from './records';
import { newResourceId, type ResourceKind } from './resource-id';

/** Every resource of the cloud, by id; plus the answers remembered for `ClientToken` retries. */
export class CloudState {
  readonly vms = new Map<string, VmRecord>();
  readonly images = new Map<string, ImageRecord>();
  readonly snapshots = new Map<string, SnapshotRecord>();
  readonly volumes = new Map<string, VolumeRecord>();
  readonly keypairs = new Map<string, KeypairRecord>();
  readonly securityGroups = new Map<string, SecurityGroupRecord>();
  readonly publicIps = new Map<string, PublicIpRecord>();
  readonly nets = new Map<string, NetRecord>();
  readonly subnets = new Map<string, SubnetRecord>();
  readonly imageExportTasks = new Map<string, ImageExportTaskRecord>();
  /** `<accountId>/<operation>/<token>` -> the request it came with and the ids the first call created. */
  readonly clientTokens = new Map<string, { fingerprint: string; ids: string[] }>();
  private readonly usedIds = new Set<string>();

  constructor(private readonly random?: (size: number) => Buffer) {}

  /** A fresh id of the kind, never handed out before in this cloud. */
  newId(kind: ResourceKind): string {
    for (;;) {
      const id = newResourceId(kind, this.random);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** Marks a fixed id (the catalog's) as taken. */
  reserveId(id: string): void {
    this.usedIds.add(id);
  }

  /** Every taggable resource, whatever its kind. */
  *taggable(): Iterable<{ record: RecordBase; resourceType: string }> {
    const kinds: [Iterable<RecordBase>, string][] = [
      [this.vms.values(), 'instance'],
      [this.images.values(), 'image'],
      [this.snapshots.values(), 'snapshot'],
      [this.volumes.values(), 'volume'],
      [this.keypairs.values(), 'keypair'],
      [this.securityGroups.values(), 'security-group'],
      [this.publicIps.values(), 'public-ip'],
      [this.nets.values(), 'vpc'],
      [this.subnets.values(), 'subnet'],
      [this.imageExportTasks.values(), 'task'],
    ];
    for (const [records, resourceType] of kinds) {
      for (const record of records) yield { record, resourceType };
    }
  }

  /** The record with this id, whatever its kind. */
  findAny(id: string): RecordBase | undefined {
    return (
      this.vms.get(id) ??
      this.images.get(id) ??
      this.snapshots.get(id) ??
      this.volumes.get(id) ??
      this.keypairs.get(id) ??
      this.securityGroups.get(id) ??
      this.publicIps.get(id) ??
      this.nets.get(id) ??
      this.subnets.get(id) ??
      this.imageExportTasks.get(id)
    );
  }
}
