import { errors } from '../api/errors';
import type { RequestBody } from '../api/operation';
import { checkKnownFields, optionalBoolean, optionalObject, optionalStringList } from '../api/params';
import type { Permissions } from '../model/records';

/** Applies `{ Additions, Removals }` (each `{ AccountIds, GlobalPermission }`) to a resource's permissions. */
export function applyPermissionChanges(permissions: Permissions, changes: RequestBody, path: string): void {
  checkKnownFields(changes, ['Additions', 'Removals'], path);
  for (const [name, add] of [
    ['Additions', true],
    ['Removals', false],
  ] as const) {
    const change = optionalObject(changes, name, `${path}.${name}`);
    if (!change) continue;
    checkKnownFields(change, ['AccountIds', 'GlobalPermission'], `${path}.${name}`);
    for (const accountId of optionalStringList(change, 'AccountIds', `${path}.${name}.AccountIds`) ?? []) {
      if (!/^\d{12}$/.test(accountId))
        throw errors.invalidParameterValue(`${path}.${name}.AccountIds`, accountId, '4025');
      if (add) permissions.accountIds.add(accountId);
      else permissions.accountIds.delete(accountId);
    }
    const global = optionalBoolean(change, 'GlobalPermission', `${path}.${name}.GlobalPermission`);
    if (global === true) permissions.global = add;
  }
}
