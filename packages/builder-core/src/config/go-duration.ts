import { z } from 'zod';
import { formatGoDuration } from '../build/go-duration';
import { type Coercion, coercedField, describeValue } from './coerced-field';

const unitMilliseconds: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const durationPattern = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const partPattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * Parses a Go duration (`"1h30m"`, `"500ms"`, `"1.5h"`, `"-2m"`, `"0"`) into milliseconds, or returns
 * undefined when the text is not one. As in Go, a unit is required except for `"0"`.
 */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^[+-]?0$/.test(trimmed)) return 0;
  if (!durationPattern.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(partPattern)) {
    total += Number(amount) * (unitMilliseconds[unit ?? ''] ?? Number.NaN);
  }
  return trimmed.startsWith('-') ? -total : total;
}

function toMilliseconds(value: unknown): Coercion {
  if (value === 0) return { ok: true, value: 0 };
  if (typeof value === 'string') {
    if (value.trim() === '') return { ok: true, value: undefined };
    const parsed = parseGoDuration(value);
    if (parsed !== undefined) return { ok: true, value: parsed };
  }
  // A bare number is refused: Packer would read 300 as 300 nanoseconds, never what was meant.
  const hint = typeof value === 'number' ? `; write "${value}s" for ${value} seconds` : '';
  return {
    ok: false,
    message: `must be a duration such as "30s", "5m" or "1h30m" (got ${describeValue(value)})${hint}`,
  };
}

/**
 * A Go duration string (`"1h30m"`, `"500ms"`, `"10m"`) decoded to milliseconds. `options.min` (ms) rejects
 * shorter durations, e.g. `{ min: 0 }` for no negative values.
 */
export function goDuration(options: { min?: number } = {}) {
  const { min } = options;
  const inner =
    min === undefined
      ? z.number()
      : z.number().refine((value) => value >= min, `must be at least ${formatGoDuration(min)}`);
  return coercedField(
    toMilliseconds,
    inner,
    { type: 'string', format: 'duration', pattern: durationPattern.source },
    { emptyIsUnset: true },
  );
}
