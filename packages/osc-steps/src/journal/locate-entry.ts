import type { OapiClient } from '@osc-packer/oapi-client';
import type { JournalEntry } from './journal-document';
import type { LeftoverResource } from './leftover-resource';

/** What became of a journal entry: still there, gone, or impossible to look up. */
export type EntryLocation =
  | { status: 'exists'; resource: LeftoverResource }
  | { status: 'gone' }
  | { status: 'unknown'; why: string };

// An image found by name is adopted only when made after the intent (minus clock skew): an older one is not ours.
const skewMs = 5 * 60_000;

type Found = { id: string; name?: string | undefined; detail?: string | undefined } | undefined;

async function lookup(
  client: OapiClient,
  entry: JournalEntry,
  accountId: () => Promise<string>,
  signal?: AbortSignal,
): Promise<Found | 'unknown'> {
  const options = signal ? { signal } : {};
  const { id, name } = entry;
  switch (entry.kind) {
    case 'vm': {
      if (!id && !entry.clientToken) return 'unknown';
      const Filters = id ? { VmIds: [id] } : { ClientTokens: [entry.clientToken ?? ''] };
      const vm = (await client.readAll('ReadVms', { Filters }, options)).find((v) => v.State !== 'terminated');
      return vm?.VmId ? { id: vm.VmId, detail: vm.State } : undefined;
    }
    case 'public-ip': {
      if (!id) return 'unknown';
      const ip = (await client.readAll('ReadPublicIps', { Filters: { PublicIpIds: [id] } }, options))[0];
      return ip?.PublicIpId ? { id: ip.PublicIpId, detail: ip.PublicIp } : undefined;
    }
    case 'security-group': {
      if (!id && !name) return 'unknown';
      const Filters = id
        ? { SecurityGroupIds: [id] }
        : { SecurityGroupNames: [name ?? ''], ...(entry.netId ? { NetIds: [entry.netId] } : {}) };
      const group = (await client.readAll('ReadSecurityGroups', { Filters }, options))[0];
      return group?.SecurityGroupId ? { id: group.SecurityGroupId, name: group.SecurityGroupName } : undefined;
    }
    case 'keypair': {
      if (!name) return 'unknown';
      const pair = (await client.readAll('ReadKeypairs', { Filters: { KeypairNames: [name] } }, options)).find(
        (p) => p.KeypairName === name,
      );
      return pair ? { id: pair.KeypairId ?? name, name } : undefined;
    }
    case 'volume': {
      if (!id) return 'unknown';
      const volume = (await client.readAll('ReadVolumes', { Filters: { VolumeIds: [id] } }, options))[0];
      return volume?.VolumeId ? { id: volume.VolumeId, detail: volume.State } : undefined;
    }
    case 'image': {
      if (!id && !name) return 'unknown';
      const Filters = id ? { ImageIds: [id] } : { ImageNames: [name ?? ''], AccountIds: [await accountId()] };
      const since = Date.parse(entry.recordedAt) - skewMs;
      const image = (await client.readAll('ReadImages', { Filters }, options)).find(
        (i) => id !== undefined || (i.ImageName === name && Date.parse(i.CreationDate ?? '') >= since),
      );
      return image?.ImageId ? { id: image.ImageId, name: image.ImageName, detail: image.State } : undefined;
    }
    case 'snapshot': {
      if (!id) return 'unknown';
      const snapshot = (await client.readAll('ReadSnapshots', { Filters: { SnapshotIds: [id] } }, options))[0];
      return snapshot?.SnapshotId ? { id: snapshot.SnapshotId, detail: snapshot.State } : undefined;
    }
  }
}

/**
 * Looks up what a journal entry refers to: by id, or before the id was recorded by what identifies it (a VM's
 * ClientToken, a group's or key pair's name, an image's name in the own account). A public IP without id
 * cannot be found (no natural key): reported as unknown.
 */
export async function locateEntry(
  client: OapiClient,
  entry: JournalEntry,
  accountId: () => Promise<string>,
  signal?: AbortSignal,
): Promise<EntryLocation> {
  const found = await lookup(client, entry, accountId, signal);
  if (found === 'unknown') {
    return {
      status: 'unknown',
      why: `the ${entry.kind} create was interrupted before its id was recorded, and it cannot be looked up otherwise`,
    };
  }
  if (!found) return { status: 'gone' };
  return {
    status: 'exists',
    resource: {
      kind: entry.kind,
      ...found,
      name: found.name ?? entry.name,
      parentId: entry.parentId,
      foundBy: 'journal',
      entryKey: entry.key,
    },
  };
}
