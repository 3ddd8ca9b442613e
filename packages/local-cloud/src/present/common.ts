import type { PermissionsOnResource, ResourceTag } from '@osc-packer/oapi-client';
import type { Permissions, RecordBase } from '../model/records';

/** A record's tags as the API lists them; other accounts (sharing an image, say) do not see them. */
export function presentTags(record: RecordBase, viewerAccountId: string): ResourceTag[] {
  if (record.accountId !== viewerAccountId) return [];
  return [...record.tags].map(([Key, Value]) => ({ Key, Value }));
}

/** Launch or create-volume permissions; only the owner sees whom it shared with. */
export function presentPermissions(permissions: Permissions, ownerView: boolean): PermissionsOnResource {
  return {
    AccountIds: ownerView ? [...permissions.accountIds] : [],
    GlobalPermission: permissions.global,
  };
}

/** Dates as the API writes them: ISO 8601 UTC with milliseconds. */
export function isoDate(date: Date): string {
  return date.toISOString();
}
