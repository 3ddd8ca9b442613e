import { UiInputError } from './ui-input-error';

interface Waiter {
  resolve: (line: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads answers line by line from an input stream (the terminal). The stream flows only while someone waits
 * for a line, so an idle reader never keeps the process alive.
 */
export class LineReader {
  readonly #input: NodeJS.ReadableStream;
  readonly #lines: string[] = [];
  readonly #waiters: Waiter[] = [];
  #buffer = '';
  #ended = false;
  #attached = false;

  constructor(input: NodeJS.ReadableStream) {
    this.#input = input;
  }

  /** Resolves with the next line (without its newline); rejects on abort or when the input has ended. */
  readLine(signal?: AbortSignal): Promise<string> {
    const buffered = this.#lines.shift();
    if (buffered !== undefined) return Promise.resolve(buffered);
    if (this.#ended) return Promise.reject(new UiInputError('the terminal input is closed'));
    signal?.throwIfAborted();
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        this.#remove(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve: (line) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(line);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#attach();
      this.#input.resume();
    });
  }

  #attach(): void {
    if (this.#attached) return;
    this.#attached = true;
    this.#input.on('data', (chunk: Buffer | string) => this.#onData(String(chunk)));
    this.#input.on('end', () => this.#onEnd());
    this.#input.on('error', () => this.#onEnd());
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    for (let index = this.#buffer.indexOf('\n'); index >= 0; index = this.#buffer.indexOf('\n')) {
      const line = this.#buffer.slice(0, index).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(index + 1);
      const waiter = this.#waiters.shift();
      if (waiter) waiter.resolve(line);
      else this.#lines.push(line);
    }
    if (this.#waiters.length === 0) this.#input.pause();
  }

  #onEnd(): void {
    this.#ended = true;
    if (this.#buffer !== '') {
      this.#lines.push(this.#buffer);
      this.#buffer = '';
    }
    for (const waiter of this.#waiters.splice(0)) {
      const line = this.#lines.shift();
      if (line !== undefined) waiter.resolve(line);
      else waiter.reject(new UiInputError('the terminal input is closed'));
    }
  }

  #remove(waiter: Waiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
    if (this.#waiters.length === 0) this.#input.pause();
  }
}
