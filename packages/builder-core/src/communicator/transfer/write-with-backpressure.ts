import type { Writable } from 'node:stream';

/** Writes a chunk and, when the sink is full, waits for it to drain (or fail, close, or the abort). */
export function writeWithBackpressure(sink: Writable, chunk: Buffer, signal?: AbortSignal): Promise<void> | undefined {
  if (sink.write(chunk)) return undefined;
  return new Promise((resolve, reject) => {
    const done = (error?: unknown) => {
      sink.off('drain', onDrain).off('error', onError).off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error('the destination stream closed before the transfer ended'));
    const onAbort = () => done(signal?.reason);
    sink.once('drain', onDrain).once('error', onError).once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Ends a writable and waits until everything is flushed (e.g. a file is closed). */
export function endWritable(sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.once('error', reject);
    sink.end(() => {
      sink.off('error', reject);
      resolve();
    });
  });
}
