const simpleEscapes: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * Reads a Go string literal starting at `start`: "interpreted" (with Go escapes), `raw`, or a 'c' character
 * constant. Calls `fail` (which throws) on a malformed literal.
 */
export function readGoString(
  text: string,
  start: number,
  fail: (offset: number, reason: string) => never,
): { value: string; end: number } {
  const quote = text[start];
  if (quote === '`') {
    const close = text.indexOf('`', start + 1);
    if (close === -1) return fail(start, 'unterminated raw string');
    return { value: text.slice(start + 1, close).replaceAll('\r', ''), end: close + 1 };
  }
  let value = '';
  let i = start + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined || c === '\n') return fail(start, 'unterminated quoted string');
    if (c === quote) break;
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    const simple = simpleEscapes[e];
    if (simple !== undefined || e === quote) {
      value += simple ?? e;
      i += 2;
      continue;
    }
    const digits = { x: 2, u: 4, U: 8 }[e as 'x' | 'u' | 'U'];
    const octal = /[0-7]{3}/.test(text.slice(i + 1, i + 4));
    const hex = text.slice(i + 2, i + 2 + (digits ?? 0));
    if (digits && hex.length === digits && /^[0-9A-Fa-f]+$/.test(hex)) {
      value += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 2 + digits;
    } else if (octal) {
      value += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else {
      return fail(i, `unknown escape sequence "\\${e}" in string`);
    }
  }
  if (quote === "'" && [...value].length !== 1) return fail(start, 'malformed character constant');
  return { value, end: i + 1 };
}

const numberPattern =
  /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)/;

/** Reads a Go number constant (decimal, hex, octal, binary, float) at `start`, or returns undefined. */
export function readGoNumber(text: string, start: number): { value: number; end: number } | undefined {
  const match = numberPattern.exec(text.slice(start));
  if (!match) return undefined;
  const literal = match[0].replaceAll('_', '');
  const sign = literal.startsWith('-') ? -1 : 1;
  const unsigned = literal.replace(/^[+-]/, '');
  let value: number;
  if (/^0[xX]/.test(unsigned)) value = Number.parseInt(unsigned.slice(2), 16);
  else if (/^0[bB]/.test(unsigned)) value = Number.parseInt(unsigned.slice(2), 2);
  else if (/^0[oO]/.test(unsigned)) value = Number.parseInt(unsigned.slice(2), 8);
  else if (/^0[0-7]+$/.test(unsigned)) value = Number.parseInt(unsigned, 8);
  else value = Number(unsigned);
  if (Number.isNaN(value)) return undefined;
  return { value: sign * value, end: start + match[0].length };
}
