import { z } from 'zod';
import { type Coercion, coercedField, describeValue } from './coerced-field';
import { scalarToString } from './weak-string';

function toStringList(value: unknown): Coercion {
  // Packer accepts "a,b,c" where a list is expected; spaces around items are dropped (Packer keeps them,
  // which only ever produced names with a leading space).
  if (typeof value === 'string') {
    const items = value.split(',').map((item) => item.trim());
    return { ok: true, value: items.length === 1 && items[0] === '' ? [] : items };
  }
  if (!Array.isArray(value)) return { ok: false, message: `must be a list of strings (got ${describeValue(value)})` };
  const items: string[] = [];
  for (const [index, item] of value.entries()) {
    const converted = scalarToString(item);
    if (!converted.ok) return { ok: false, message: `item ${index}: ${converted.message}` };
    items.push(converted.value as string);
  }
  return { ok: true, value: items };
}

/**
 * A list of strings that may also be written as one comma-separated string (`"eu-west-2,us-east-2"`), as
 * Packer allows; numbers and booleans in the list become strings. `inner` adds checks on the list.
 */
export function weakStringList(inner: z.ZodType<string[]> = z.array(z.string())) {
  return coercedField(toStringList, inner, {
    anyOf: [{ type: 'array', items: { type: ['string', 'number', 'boolean'] } }, { type: 'string' }],
  });
}
