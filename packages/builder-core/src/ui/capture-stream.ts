import { Writable } from 'node:stream';

/** A writable stream that keeps what is written, for tests and for embedding the Ui in another program. */
export class CaptureStream extends Writable {
  #text = '';

  /** Everything written so far. */
  get text(): string {
    return this.#text;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#text += String(chunk);
    callback();
  }
}
