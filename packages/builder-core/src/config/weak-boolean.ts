import { z } from 'zod';
import { type Coercion, coercedField, describeValue } from './coerced-field';

// The spellings Go's strconv.ParseBool accepts.
const truths = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falsehoods = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function toBoolean(value: unknown): Coercion {
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value: value !== 0 };
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return { ok: true, value: undefined };
    if (truths.has(text)) return { ok: true, value: true };
    if (falsehoods.has(text)) return { ok: true, value: false };
  }
  return { ok: false, message: `must be a boolean: true or false (got ${describeValue(value)})` };
}

/**
 * A boolean that may be written as a string (`"true"`, `"1"`, `"f"`, ... as Go's ParseBool) or a number
 * (non-zero is true), as Packer's weak decoding allows; an empty string counts as unset.
 */
export function weakBoolean() {
  return coercedField(
    toBoolean,
    z.boolean(),
    {
      anyOf: [{ type: 'boolean' }, { type: 'string', enum: [...truths, ...falsehoods] }, { type: 'number' }],
    },
    { emptyIsUnset: true },
  );
}
