const marker = Symbol.for('osc-packer.builder-core.JsonSyntaxError');

/** 1-based line and column of an offset in a text (columns count characters). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offending line and the one before it, numbered, with a caret under the column (as Packer prints). */
export function excerptAt(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const numbered = (n: number) => `${String(n).padStart(5)}: ${(lines[n - 1] ?? '').replace(/\r$/, '')}`;
  if (line > 1) out.push(numbered(line - 1));
  out.push(numbered(line));
  out.push(`${' '.repeat(column + 6)}^`);
  return out.join('\n');
}

/** A JSON document that does not parse: where (line, column, offset) and what was expected there. */
export class JsonSyntaxError extends Error {
  readonly [marker] = true;
  readonly line: number;
  readonly column: number;
  /** The lines around the error with a caret under the column. */
  readonly excerpt: string;

  constructor(
    readonly reason: string,
    readonly offset: number,
    text: string,
    /** The file the text came from, when known. */
    readonly file?: string,
  ) {
    const { line, column } = lineAndColumn(text, offset);
    const excerpt = excerptAt(text, line, column);
    super(`${file ? `${file}: ` : ''}${reason} at line ${line}, column ${column}:\n${excerpt}`);
    this.name = 'JsonSyntaxError';
    this.line = line;
    this.column = column;
    this.excerpt = excerpt;
  }

  static isInstance(value: unknown): value is JsonSyntaxError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
