const longMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's `time.RFC3339` layout, the default of Packer's `isotime`. */
export const rfc3339Layout = '2006-01-02T15:04:05Z07:00';

// Longest first, so that e.g. "-07:00:00" wins over "-07:00" and "-07".
const zoneChunks: ReadonlyArray<readonly [string, string]> = [
  ['Z07:00:00', 'Z'],
  ['Z070000', 'Z'],
  ['Z0700', 'Z'],
  ['Z07:00', 'Z'],
  ['Z07', 'Z'],
  ['-07:00:00', '+00:00:00'],
  ['-070000', '+000000'],
  ['-0700', '+0000'],
  ['-07:00', '+00:00'],
  ['-07', '+00'],
];

const pad = (value: number, width: number, fill = '0') => String(value).padStart(width, fill);
const startsWithLower = (rest: string) => /^[a-z]/.test(rest);

/** One element of a Go layout at the start of `rest`: its length and how it formats a UTC time. */
function chunkAt(rest: string, t: Date): { length: number; text: string } | undefined {
  const month = t.getUTCMonth();
  const day = t.getUTCDate();
  const hour = t.getUTCHours();
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const yearDay =
    Math.floor((Date.UTC(t.getUTCFullYear(), month, day) - Date.UTC(t.getUTCFullYear(), 0, 1)) / 864e5) + 1;
  const c = rest[0];
  if (rest.startsWith('January')) return { length: 7, text: longMonths[month] ?? '' };
  if (rest.startsWith('Jan') && !startsWithLower(rest.slice(3)))
    return { length: 3, text: (longMonths[month] ?? '').slice(0, 3) };
  if (rest.startsWith('Monday')) return { length: 6, text: longDays[t.getUTCDay()] ?? '' };
  if (rest.startsWith('Mon') && !startsWithLower(rest.slice(3)))
    return { length: 3, text: (longDays[t.getUTCDay()] ?? '').slice(0, 3) };
  if (rest.startsWith('MST')) return { length: 3, text: 'UTC' };
  if (c === '0' && /^0[1-6]/.test(rest)) {
    const values = [month + 1, day, hour12, t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCFullYear() % 100];
    return { length: 2, text: pad(values[Number(rest[1]) - 1] ?? 0, 2) };
  }
  if (rest.startsWith('002')) return { length: 3, text: pad(yearDay, 3) };
  if (rest.startsWith('15')) return { length: 2, text: pad(hour, 2) };
  if (c === '1') return { length: 1, text: String(month + 1) };
  if (rest.startsWith('2006')) return { length: 4, text: pad(t.getUTCFullYear(), 4) };
  if (c === '2') return { length: 1, text: String(day) };
  // "_2006" is a literal underscore followed by the year.
  if (rest.startsWith('_2') && !rest.startsWith('_2006')) return { length: 2, text: pad(day, 2, ' ') };
  if (rest.startsWith('__2')) return { length: 3, text: pad(yearDay, 3, ' ') };
  if (c === '3') return { length: 1, text: String(hour12) };
  if (c === '4') return { length: 1, text: String(t.getUTCMinutes()) };
  if (c === '5') return { length: 1, text: String(t.getUTCSeconds()) };
  if (rest.startsWith('PM')) return { length: 2, text: hour >= 12 ? 'PM' : 'AM' };
  if (rest.startsWith('pm')) return { length: 2, text: hour >= 12 ? 'pm' : 'am' };
  const zone = zoneChunks.find(([layout]) => rest.startsWith(layout));
  if (zone) return { length: zone[0].length, text: zone[1] };
  return fractionAt(rest, t);
}

// ".000"/",000" prints that many fraction digits; ".999" the same with trailing zeros (and a bare dot) removed.
// Only when the run of 0s or 9s is not followed by another digit, as in Go.
function fractionAt(rest: string, t: Date): { length: number; text: string } | undefined {
  const match = /^([.,])(0+|9+)(?![0-9])/.exec(rest);
  if (!match) return undefined;
  const [whole, separator = '.', digits = ''] = match;
  const nanos = pad(t.getUTCMilliseconds(), 3)
    .padEnd(9, '0')
    .slice(0, Math.min(digits.length, 9))
    .padEnd(digits.length, '0');
  if (digits.startsWith('0')) return { length: whole.length, text: separator + nanos };
  const trimmed = nanos.replace(/0+$/, '');
  return { length: whole.length, text: trimmed ? separator + trimmed : '' };
}

/**
 * Formats a time in UTC with a Go layout (reference time `Mon Jan 2 15:04:05 MST 2006`), as Go's
 * `time.Time.Format` does: e.g. `2006-01-02` gives `2026-11-26`, `Z07:00` gives `Z`, `-0700` gives `+0000`.
 * Everything that is not a layout element is copied as is.
 */
export function formatGoTime(t: Date, layout: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const chunk = chunkAt(layout.slice(i), t);
    if (chunk) {
      out += chunk.text;
      i += chunk.length;
    } else {
      out += layout[i];
      i++;
    }
  }
  return out;
}
