import { z } from 'zod';
import { type Coercion, coercedField, describeValue } from './coerced-field';

/** Converts a scalar as Packer's weak decoding does: numbers in decimal, booleans as "1"/"0". */
export function scalarToString(value: unknown): Coercion {
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value: String(value) };
  if (typeof value === 'boolean') return { ok: true, value: value ? '1' : '0' };
  return { ok: false, message: `must be a string (got ${describeValue(value)})` };
}

/**
 * A string that also accepts numbers (`22` → `"22"`) and booleans (`true` → `"1"`, as Packer does).
 * `inner` adds checks on the string (e.g. `z.string().min(1)` or a regex).
 */
export function weakString(inner: z.ZodType<string> = z.string()) {
  return coercedField(scalarToString, inner, { type: ['string', 'number', 'boolean'] });
}
