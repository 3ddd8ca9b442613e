import type { Account } from '../accounts/account-registry';
import { ApiError } from '../api/api-error';
import { errors, type MissingKind } from '../api/errors';
import type { CallContext } from '../api/operation';
import type { Cloud } from '../engine/cloud';
import type { FaultResourceKind } from '../faults/fault-rule';
import type { ImageRecord, Permissions, RecordBase, SnapshotRecord } from './records';
import type { ResourceKind } from './resource-id';

/** The calling account; every signed operation has one. */
export function callerOf(context: CallContext): Account {
  if (!context.account) throw new ApiError(401, '1', 'AccessDenied');
  return context.account;
}

/** False while an injected "not found after create" window hides a new resource. */
export function isVisible(record: RecordBase, now: Date): boolean {
  return now.getTime() >= record.visibleAt;
}

const faultKinds: Partial<Record<ResourceKind, FaultResourceKind>> = {
  vm: 'vm',
  image: 'image',
  snapshot: 'snapshot',
  volume: 'volume',
  keypair: 'keypair',
  securityGroup: 'securityGroup',
  publicIp: 'publicIp',
  net: 'net',
  subnet: 'subnet',
};

/** The fields every new record starts with: a fresh id, the owner, and when it becomes visible. */
export function newRecordBase(cloud: Cloud, kind: ResourceKind, account: Account): RecordBase {
  const now = cloud.now();
  const faultKind = faultKinds[kind];
  const hiddenFor = faultKind ? cloud.faults.invisibilityAfterCreate(faultKind, account.accountId, account.alias) : 0;
  return {
    id: cloud.state.newId(kind),
    accountId: account.accountId,
    createdAt: now,
    visibleAt: now.getTime() + hiddenFor,
    tags: new Map(),
  };
}

/** A resource the caller owns and can see, or the API's "doesn't exist" answer. */
export function findOwned<T extends RecordBase>(
  records: ReadonlyMap<string, T>,
  id: string,
  context: CallContext,
  kind: MissingKind,
): T {
  const record = records.get(id);
  if (!record || record.accountId !== callerOf(context).accountId || !isVisible(record, context.now)) {
    throw errors.notFound(kind, id);
  }
  return record;
}

function permits(permissions: Permissions, accountId: string): boolean {
  return permissions.global || permissions.accountIds.has(accountId);
}

/** The caller may launch VMs from (and read) this image: its own, shared with it, or public. */
export function canUseImage(image: ImageRecord, accountId: string): boolean {
  return image.accountId === accountId || permits(image.permissions, accountId);
}

/** The caller may create volumes from (and read) this snapshot. */
export function canUseSnapshot(snapshot: SnapshotRecord, accountId: string): boolean {
  return snapshot.accountId === accountId || permits(snapshot.permissions, accountId);
}

/** An image the caller may use, or "doesn't exist". */
export function findUsableImage(cloud: Cloud, id: string, context: CallContext): ImageRecord {
  const image = cloud.state.images.get(id);
  if (!image || !canUseImage(image, callerOf(context).accountId) || !isVisible(image, context.now)) {
    throw errors.notFound('image', id);
  }
  return image;
}

/** A snapshot the caller may use, or "doesn't exist". */
export function findUsableSnapshot(cloud: Cloud, id: string, context: CallContext): SnapshotRecord {
  const snapshot = cloud.state.snapshots.get(id);
  if (!snapshot || !canUseSnapshot(snapshot, callerOf(context).accountId) || !isVisible(snapshot, context.now)) {
    throw errors.notFound('snapshot', id);
  }
  return snapshot;
}

/** Sorts by creation date then id, the order the API lists resources in. */
export function byCreation<T extends RecordBase>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}
