import { Writable } from 'node:stream';

/** A Writable that keeps everything written to it, for asserting on command output. */
export interface OutputCollector {
  readonly stream: Writable;
  text(): string;
  bytes(): Buffer;
}

/** Collects a stream's bytes in memory. */
export function collectOutput(): OutputCollector {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}
