import type { OapiSchema } from './oapi-schema';

interface SchemaPatch {
  readonly schema: string;
  readonly nullable: readonly string[];
  readonly added: Readonly<Record<string, OapiSchema>>;
}

// API 1.41.0 (the copy shipped in osc-sdk-python; oapi-facts.md §0) differs from the saved 1.40.1 file
// only here. The live API already answers this way, so decoders must accept `null` for these fields.
const patches: readonly SchemaPatch[] = [
  {
    schema: 'PublicIp',
    nullable: ['VmId', 'NicId', 'NicAccountId', 'PrivateIp'],
    added: { NatServiceId: { type: 'string' }, NetAccessPointIds: { type: 'array', items: { type: 'string' } } },
  },
  { schema: 'LoadBalancer', nullable: ['PublicIp'], added: { PrivateIp: { type: 'string' } } },
];

/** What {@link applyOapi141Overlay} changes, as recorded in generated headers and specs. */
export const oapi141OverlaySummary =
  'API 1.41 overlay: PublicIp.{VmId,NicId,NicAccountId,PrivateIp} and LoadBalancer.PublicIp nullable; ' +
  'PublicIp.{NatServiceId,NetAccessPointIds} and LoadBalancer.PrivateIp added';

/**
 * Brings 1.40.1 schemas up to the 1.41 wire format in place and returns {@link oapi141OverlaySummary}.
 * Throws when a patched schema or field is missing, i.e. when the spec file changed under us.
 */
export function applyOapi141Overlay(schemas: Record<string, OapiSchema>): string {
  for (const patch of patches) {
    const schema = schemas[patch.schema];
    const properties = { ...schema?.properties };
    if (schema === undefined) throw new Error(`1.41 overlay: schema ${patch.schema} is missing from the spec`);
    for (const name of patch.nullable) {
      const property = properties[name];
      if (property === undefined) throw new Error(`1.41 overlay: ${patch.schema}.${name} is missing from the spec`);
      properties[name] = { ...property, nullable: true };
    }
    for (const [name, property] of Object.entries(patch.added)) properties[name] ??= property;
    schemas[patch.schema] = { ...schema, properties: sortKeys(properties) };
  }
  return oapi141OverlaySummary;
}

function sortKeys(record: Record<string, OapiSchema>): Record<string, OapiSchema> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
