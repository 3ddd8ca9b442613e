import { z } from 'zod';
import { type Coercion, coercedField, describeValue } from './coerced-field';
import { scalarToString } from './weak-string';

function toStringMap(value: unknown): Coercion {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: `must be an object of strings (got ${describeValue(value)})` };
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    const converted = scalarToString(item);
    if (!converted.ok) return { ok: false, message: `key ${JSON.stringify(key)}: ${converted.message}` };
    out[key] = converted.value as string;
  }
  return { ok: true, value: out };
}

/** An object of string values (tags, filters, environment), with numbers and booleans turned into strings. */
export function stringMap() {
  return coercedField(toStringMap, z.record(z.string(), z.string()), {
    type: 'object',
    additionalProperties: { type: ['string', 'number', 'boolean'] },
  });
}
