import type { Readable } from 'node:stream';

/** Reading paused while this much is buffered and unread. */
const highWaterMark = 4 * 1024 * 1024;

/**
 * Pull-style reads (a byte, a line, exactly N bytes) over a Readable, as the SCP protocol needs. Buffers at
 * most about `highWaterMark` before pausing the stream, so a slow consumer slows the sender down (SSH window).
 */
export class StreamReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered >= highWaterMark) stream.pause();
      this.notify();
    });
    stream.on('end', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('close', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('error', (error: Error) => {
      this.failure = error;
      this.notify();
    });
  }

  /** Fails every pending and future read with `error` (e.g. on abort). */
  fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  /** The next byte, or undefined at the end of the stream. */
  async readByte(): Promise<number | undefined> {
    if (!(await this.fill(1))) return undefined;
    const first = this.chunks[0] as Buffer;
    const byte = first[0] as number;
    this.consume(1);
    return byte;
  }

  /** The next line without its `\n`; undefined at the end of the stream. Lines over `maxLength` throw. */
  async readLine(maxLength = 64 * 1024): Promise<string | undefined> {
    for (;;) {
      const index = this.indexOfNewline();
      if (index >= 0) {
        const line = this.take(index + 1);
        return line.toString('utf8', 0, line.length - 1);
      }
      if (this.buffered > maxLength) throw new Error(`line longer than ${maxLength} bytes`);
      if (!(await this.fill(this.buffered + 1))) {
        return this.buffered === 0 ? undefined : this.take(this.buffered).toString('utf8');
      }
    }
  }

  /** Yields exactly `count` bytes as they arrive (views, not copies); throws if the stream ends first. */
  async *readExact(count: number): AsyncGenerator<Buffer> {
    let left = count;
    while (left > 0) {
      if (!(await this.fill(1))) throw new Error(`the stream ended ${left} bytes early`);
      const first = this.chunks[0] as Buffer;
      const piece = first.length <= left ? first : first.subarray(0, left);
      this.consume(piece.length);
      left -= piece.length;
      yield piece;
    }
  }

  private indexOfNewline(): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const index = chunk.indexOf(10);
      if (index >= 0) return offset + index;
      offset += chunk.length;
    }
    return -1;
  }

  private take(count: number): Buffer {
    const out = Buffer.allocUnsafe(count);
    let written = 0;
    while (written < count) {
      const first = this.chunks[0] as Buffer;
      const n = Math.min(first.length, count - written);
      first.copy(out, written, 0, n);
      this.consume(n);
      written += n;
    }
    return out;
  }

  private consume(count: number): void {
    const first = this.chunks[0] as Buffer;
    if (count >= first.length) this.chunks.shift();
    else this.chunks[0] = first.subarray(count);
    this.buffered -= count;
    if (this.buffered < highWaterMark / 2 && this.stream.isPaused()) this.stream.resume();
  }

  /** Waits until `count` bytes are buffered; false if the stream ended before. */
  private async fill(count: number): Promise<boolean> {
    while (this.buffered < count) {
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return false;
      if (this.stream.isPaused()) this.stream.resume();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    if (this.failure !== undefined) throw this.failure;
    return true;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
