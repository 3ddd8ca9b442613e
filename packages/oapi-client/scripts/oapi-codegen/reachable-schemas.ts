import type { OapiSchema } from '../../src/test/oapi-schema';
import type { OapiSpec } from '../../src/test/oapi-spec';

/**
 * The names of every schema the given operations reach from their request and response bodies (all
 * statuses, so `ErrorResponse` is included), sorted. Throws when an operation or a `$ref` is missing.
 */
export function reachableSchemas(spec: OapiSpec, operations: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending: string[] = [];
  for (const name of operations) {
    const operation = spec.operations[name];
    if (operation === undefined) throw new Error(`${name} is not an operation of the Outscale API ${spec.version}`);
    pending.push(operation.request, ...Object.values(operation.responses));
  }
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    const schema = spec.schemas[next];
    if (schema === undefined) throw new Error(`schema ${next} is referenced but not defined`);
    seen.add(next);
    pending.push(...referencedBy(schema));
  }
  return [...seen].sort(compareNames);
}

function referencedBy(schema: OapiSchema): string[] {
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items === undefined ? [] : [schema.items]),
    ...(schema.oneOf ?? []),
  ];
  return [...(schema.ref === undefined ? [] : [schema.ref]), ...children.flatMap(referencedBy)];
}

/** Case-insensitive, then code-unit order (Biome's order for export lists); the same in every locale. */
export function compareNames(a: string, b: string): number {
  const [lowerA, lowerB] = [a.toLowerCase(), b.toLowerCase()];
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
