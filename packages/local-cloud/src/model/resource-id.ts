import { randomBytes } from 'node:crypto';

// The id prefixes the real API uses, per resource kind.
const prefixes = {
  vm: 'i',
  image: 'ami',
  volume: 'vol',
  snapshot: 'snap',
  securityGroup: 'sg',
  securityGroupRule: 'sgr',
  keypair: 'key',
  publicIp: 'eipalloc',
  linkPublicIp: 'eipassoc',
  net: 'vpc',
  subnet: 'subnet',
  imageExportTask: 'image-export',
  nic: 'eni',
  linkNic: 'eni-attach',
  reservation: 'r',
  dhcpOptions: 'dopt',
} as const;

/** A kind of resource local-cloud hands out ids for. */
export type ResourceKind = keyof typeof prefixes;

/** A new id in the real API's shape, e.g. `i-1a2b3c4d`; `random` is injectable for deterministic tests. */
export function newResourceId(kind: ResourceKind, random: (size: number) => Buffer = randomBytes): string {
  return `${prefixes[kind]}-${random(4).toString('hex')}`;
}

/** The kind an id belongs to, read from its prefix, or undefined for an unknown shape. */
export function resourceKindOf(id: string): ResourceKind | undefined {
  const match = /^([a-z-]+)-[0-9a-f]{8}$/.exec(id);
  if (!match) return undefined;
  const entry = Object.entries(prefixes).find(([, prefix]) => prefix === match[1]);
  return entry?.[0] as ResourceKind | undefined;
}
