import { z } from 'zod';
import { type Coercion, coercedField, describeValue } from './coerced-field';

/** Bounds and integrality of a weakNumber. */
export interface WeakNumberOptions {
  integer?: boolean;
  min?: number;
  max?: number;
}

const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const hexadecimal = /^[+-]?0[xX][0-9a-fA-F]+$/;

function toNumber(value: unknown): Coercion {
  if (typeof value === 'number') return { ok: true, value };
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
  if (typeof value === 'string') {
    const text = value.trim();
    // An empty string (typically an unset variable) means "not set", so the default applies.
    if (text === '') return { ok: true, value: undefined };
    if (decimal.test(text)) return { ok: true, value: Number(text) };
    if (hexadecimal.test(text)) {
      const sign = text.startsWith('-') ? -1 : 1;
      return { ok: true, value: sign * Number.parseInt(text.replace(/^[+-]?0[xX]/, ''), 16) };
    }
  }
  return { ok: false, message: `must be a number (got ${describeValue(value)})` };
}

/**
 * A number that may be written as a string (`"10"`, `"0x1f"`) or a boolean (1/0), as Packer's weak decoding
 * allows; an empty string counts as unset. Options add integrality and bounds.
 */
export function weakNumber(options: WeakNumberOptions = {}) {
  let inner = options.integer ? z.number().int() : z.number();
  if (options.min !== undefined) inner = inner.min(options.min);
  if (options.max !== undefined) inner = inner.max(options.max);
  const json: Record<string, unknown> = { type: options.integer ? 'integer' : 'number' };
  if (options.min !== undefined) json.minimum = options.min;
  if (options.max !== undefined) json.maximum = options.max;
  return coercedField(
    toNumber,
    inner,
    {
      anyOf: [json, { type: 'string', pattern: options.integer ? '^[+-]?(\\d+|0[xX][0-9a-fA-F]+)$' : decimal.source }],
    },
    { emptyIsUnset: true },
  );
}

/** Shorthand for `weakNumber({ integer: true, ...options })`. */
export function weakInteger(options: Omit<WeakNumberOptions, 'integer'> = {}) {
  return weakNumber({ ...options, integer: true });
}
