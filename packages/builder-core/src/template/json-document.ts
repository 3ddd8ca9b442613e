import { formatKeyPath, type KeyPath } from '../config/key-path';
import { JsonSyntaxError, lineAndColumn } from './json-syntax-error';

/** A key that appears twice in one object; the last value is kept, as Go's encoding/json does. */
export interface DuplicateKey {
  path: KeyPath;
  line: number;
  column: number;
}

/** A parsed JSON document that remembers where each value was written. */
export interface JsonDocument {
  value: unknown;
  duplicates: DuplicateKey[];
  /** Line and column where the value (or object member) at `path` starts, when it exists. */
  locate(path: KeyPath): { line: number; column: number } | undefined;
}

const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses JSON strictly (no comments, no trailing commas, as Go's encoding/json), recording where each value
 * starts and which keys are duplicated. Throws a JsonSyntaxError with line, column and an excerpt.
 */
export function parseJsonDocument(text: string, file?: string): JsonDocument {
  const parser = new JsonParser(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text, file);
  const value = parser.document();
  const positions = parser.positions;
  return {
    value,
    duplicates: parser.duplicates,
    locate: (path) => {
      const offset = positions.get(formatKeyPath(path));
      return offset === undefined ? undefined : lineAndColumn(text, offset);
    },
  };
}

class JsonParser {
  private i = 0;
  readonly positions = new Map<string, number>();
  readonly duplicates: DuplicateKey[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string | undefined,
  ) {}

  private fail(reason: string, offset = this.i): never {
    throw new JsonSyntaxError(reason, offset, this.text, this.file);
  }

  private describe(offset = this.i): string {
    const c = this.text[offset];
    return c === undefined ? 'the end of the file' : JSON.stringify(c);
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.i] ?? '')) this.i++;
    if (this.text.startsWith('//', this.i) || this.text.startsWith('/*', this.i)) {
      this.fail('comments are not allowed in JSON (Packer accepts root keys starting with "_" as comments)');
    }
  }

  document(): unknown {
    const value = this.value([]);
    this.skipSpace();
    if (this.i < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the JSON document`);
    return value;
  }

  private value(path: KeyPath): unknown {
    this.skipSpace();
    this.positions.set(formatKeyPath(path), this.i);
    const c = this.text[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === "'") this.fail('strings must be written with double quotes');
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    numberPattern.lastIndex = this.i;
    const match = numberPattern.exec(this.text);
    if (match) {
      this.i += match[0].length;
      return Number(match[0]);
    }
    if (c === undefined) return this.fail('unexpected end of file where a value was expected');
    return this.fail(`unexpected ${this.describe()} where a value was expected`);
  }

  private object(path: KeyPath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] !== '"') {
        const after = this.text[this.i] === '}' ? '; a trailing comma is not allowed in JSON' : '';
        this.fail(`expected a quoted key, got ${this.describe()}${after}`);
      }
      const keyStart = this.i;
      const key = this.string();
      if (Object.hasOwn(out, key))
        this.duplicates.push({ path: [...path, key], ...lineAndColumn(this.text, keyStart) });
      this.skipSpace();
      if (this.text[this.i] !== ':')
        this.fail(`expected ":" after the key ${JSON.stringify(key)}, got ${this.describe()}`);
      this.i++;
      // Go's encoding/json keeps the last of duplicated keys; so do we (with a warning from the caller).
      out[key] = this.value([...path, key]);
      this.positions.set(formatKeyPath([...path, key]), keyStart);
      this.skipSpace();
      const next = this.text[this.i];
      this.i++;
      if (next === '}') return out;
      if (next !== ',')
        this.fail(
          `expected "," or "}" after the value of ${JSON.stringify(key)}, got ${this.describe(this.i - 1)}`,
          this.i - 1,
        );
    }
  }

  private array(path: KeyPath): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === ']') this.fail('unexpected "]"; a trailing comma is not allowed in JSON');
      out.push(this.value([...path, out.length]));
      this.skipSpace();
      const next = this.text[this.i];
      this.i++;
      if (next === ']') return out;
      if (next !== ',')
        this.fail(`expected "," or "]" after a list item, got ${this.describe(this.i - 1)}`, this.i - 1);
    }
  }

  private string(): string {
    const start = this.i;
    let out = '';
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('unterminated string', start);
      if (c === '"') break;
      if (c < ' ') this.fail('control character in string (write newlines as \\n and tabs as \\t)');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const e = this.text[this.i + 1] ?? '';
      const simple = escapes[e];
      if (simple !== undefined) {
        out += simple;
        this.i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(Number.parseInt(this.text.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        this.fail(`invalid escape "\\${e}" in string`);
      }
    }
    this.i++;
    return out;
  }
}
