import { Writable } from 'node:stream';

/**
 * Cleans a line of command output as Packer does: trailing whitespace removed, and only what follows the
 * last carriage return kept (what a terminal would show after progress bars).
 */
export function cleanOutputLine(line: string): string {
  const trimmed = line.trimEnd();
  const cr = trimmed.lastIndexOf('\r');
  return cr >= 0 ? trimmed.slice(cr + 1) : trimmed;
}

/**
 * A writable stream that hands each complete line (cleaned, empty lines dropped) to `onLine` as it
 * arrives, and the unterminated rest when it ends, so remote output reaches the Ui line by line.
 */
export class LineSplitter extends Writable {
  readonly #onLine: (line: string) => void;
  readonly #decoder = new TextDecoder();
  #rest = '';

  constructor(onLine: (line: string) => void) {
    super();
    this.#onLine = onLine;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#rest += typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    const lines = this.#rest.split('\n');
    this.#rest = lines.pop() ?? '';
    for (const line of lines) this.#emit(line);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#rest += this.#decoder.decode();
    this.#emit(this.#rest);
    this.#rest = '';
    callback();
  }

  #emit(line: string): void {
    const cleaned = cleanOutputLine(line);
    if (cleaned !== '') this.#onLine(cleaned);
  }
}
