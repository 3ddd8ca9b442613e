import { formatGoTime } from './go-time-format';

// Each directive as a Go layout, formatted by formatGoTime (so both functions agree on names and padding).
const layouts: Readonly<Record<string, string>> = {
  a: 'Mon',
  A: 'Monday',
  b: 'Jan',
  h: 'Jan',
  B: 'January',
  c: 'Mon Jan _2 15:04:05 2006',
  d: '02',
  D: '01/02/06',
  e: '_2',
  F: '2006-01-02',
  H: '15',
  I: '03',
  j: '002',
  L: '.000',
  m: '01',
  M: '04',
  p: 'PM',
  r: '03:04:05 PM',
  R: '15:04',
  S: '05',
  T: '15:04:05',
  x: '01/02/06',
  X: '15:04:05',
  y: '06',
  Y: '2006',
  z: '-0700',
  Z: 'MST',
};

function directive(c: string, t: Date): string | undefined {
  const layout = layouts[c];
  if (layout !== undefined) return formatGoTime(t, layout);
  switch (c) {
    case 'C':
      return String(Math.floor(t.getUTCFullYear() / 100)).padStart(2, '0');
    case 'k':
      return String(t.getUTCHours()).padStart(2, ' ');
    case 'l':
      return String(t.getUTCHours() % 12 || 12).padStart(2, ' ');
    case 's':
      return String(Math.floor(t.getTime() / 1000));
    case 'u':
      return String(t.getUTCDay() || 7);
    case 'w':
      return String(t.getUTCDay());
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case '%':
      return '%';
    default:
      return undefined;
  }
}

/**
 * Formats a time in UTC with C strftime directives (`%Y-%m-%dT%H:%M:%S`), for Packer's `strftime` function.
 * An unknown directive is copied as written (`%Q` stays `%Q`), as the Go library Packer uses does.
 */
export function strftime(format: string, t: Date): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    const next = format[i + 1];
    if (c !== '%' || next === undefined) {
      out += c;
      continue;
    }
    const text = directive(next, t);
    out += text ?? `%${next}`;
    i++;
  }
  return out;
}
