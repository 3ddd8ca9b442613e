import type { JournalResourceKind } from './journal-document';

/** A resource a build left, found by its journal or by its build tag. */
export interface LeftoverResource {
  kind: JournalResourceKind;
  id: string;
  /** Its name (key pair, security group, image), when known. */
  name?: string | undefined;
  /** The VM of a volume, the image of a snapshot. */
  parentId?: string | undefined;
  /** What it is, in words (state, name), for the listing. */
  detail?: string | undefined;
  /** Where it was found. */
  foundBy: 'journal' | 'tag';
  /** The journal entry it came from, to mark it deleted. */
  entryKey?: string | undefined;
}

/** The order leftovers are deleted in: VMs first (then their groups, IPs, keys and volumes are free), images before snapshots. */
export const deletionOrder: readonly (readonly JournalResourceKind[])[] = [
  ['vm'],
  ['public-ip', 'security-group', 'keypair', 'volume'],
  ['image'],
  ['snapshot'],
];

/** `vm i-12345678 (running)`. */
export function describeLeftover(resource: LeftoverResource): string {
  const name = resource.name && resource.name !== resource.id ? ` "${resource.name}"` : '';
  const detail = resource.detail ? ` (${resource.detail})` : '';
  return `${resource.kind} ${resource.id}${name}${detail}`;
}

/** The API's tag resource types and the journal kind each one is. */
export const tagResourceKinds: Readonly<Record<string, JournalResourceKind>> = {
  instance: 'vm',
  vm: 'vm',
  'public-ip': 'public-ip',
  'security-group': 'security-group',
  keypair: 'keypair',
  volume: 'volume',
  image: 'image',
  snapshot: 'snapshot',
};
