import { createWriteStream, ReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SshError } from '../ssh-error';

/** Bytes to upload, read in chunks of a size the transport prefers. */
export interface UploadSource {
  /** Known in advance for files and buffers; undefined for a stream given without a size. */
  readonly size: number | undefined;
  /** Yields the bytes once, in chunks of at most `chunkSize` (fresh buffers the caller may keep). */
  chunks(chunkSize: number): AsyncIterable<Buffer>;
  /** Releases what the source holds (a spooled temporary file). */
  dispose(): Promise<void>;
}

/** Bytes read from a file at once, and reads kept in flight ahead of the transport. */
const readBlock = 1024 * 1024;
const readsAhead = 4;

/**
 * A local file, read with positioned reads into fresh 1 MiB blocks, several ahead of the transport (a read
 * goes through libuv's thread pool, whose latency would otherwise stall the pipeline), yielded as views.
 */
export function fileSource(path: string, size: number): UploadSource {
  return {
    size,
    async *chunks(chunkSize) {
      const handle = await open(path, 'r').catch((error: unknown) => localError(path, error));
      const block = chunkSize * Math.max(1, Math.ceil(readBlock / chunkSize));
      const pending: Promise<Buffer>[] = [];
      let position = 0;
      const readNext = () => {
        const length = Math.min(block, size - position);
        const buffer = Buffer.allocUnsafe(length);
        const read = handle.read(buffer, 0, length, position).then(({ bytesRead }) => {
          if (bytesRead < length) throw new SshError(`${path} shrank while it was being uploaded`, { reason: 'local' });
          return buffer;
        });
        read.catch(() => {});
        pending.push(read);
        position += length;
      };
      try {
        while (pending.length < readsAhead && position < size) readNext();
        while (pending.length > 0) {
          const buffer = await (pending.shift() as Promise<Buffer>);
          if (position < size) readNext();
          for (let offset = 0; offset < buffer.length; offset += chunkSize) {
            yield buffer.subarray(offset, offset + chunkSize);
          }
        }
      } finally {
        await Promise.allSettled(pending);
        await handle.close();
      }
    },
    dispose: async () => {},
  };
}

/**
 * Wraps what `Communicator.upload` receives. A plain `fs.createReadStream(path)` is read as the file itself
 * (positioned reads, size from the file system); other streams are re-chunked.
 */
export async function toUploadSource(source: Readable | Uint8Array, size: number | undefined): Promise<UploadSource> {
  if (source instanceof Uint8Array) {
    const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    return {
      size: bytes.length,
      async *chunks(chunkSize) {
        for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
      },
      dispose: async () => {},
    };
  }
  const file = plainFileStream(source);
  if (file !== undefined) {
    source.destroy();
    const info = await stat(file).catch((error: unknown) => localError(file, error));
    return fileSource(file, size ?? info.size);
  }
  return streamSource(source, size);
}

/** Returns a source whose size is known, spooling a sizeless stream to a temporary file (SCP needs it). */
export async function withKnownSize(source: UploadSource, tempDir: string | undefined): Promise<UploadSource> {
  if (source.size !== undefined) return source;
  const dir = await mkdtemp(join(tempDir ?? tmpdir(), 'osc-packer-upload-'));
  const path = join(dir, 'data');
  try {
    await pipeline(source.chunks(1024 * 1024), createWriteStream(path, { mode: 0o600 }));
    const spooled = fileSource(path, (await stat(path)).size);
    return { ...spooled, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new SshError(`cannot spool the upload to a temporary file in ${dir}: ${(error as Error).message}`, {
      reason: 'local',
      cause: error,
    });
  }
}

function streamSource(stream: Readable, size: number | undefined): UploadSource {
  return {
    size,
    async *chunks(chunkSize) {
      let pending: Buffer[] = [];
      let pendingLength = 0;
      let total = 0;
      for await (const piece of stream) {
        let chunk: Buffer = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
        total += chunk.length;
        while (pendingLength + chunk.length >= chunkSize) {
          const take = chunkSize - pendingLength;
          pending.push(chunk.subarray(0, take));
          yield pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, chunkSize);
          chunk = chunk.subarray(take);
          pending = [];
          pendingLength = 0;
        }
        if (chunk.length > 0) {
          pending.push(chunk);
          pendingLength += chunk.length;
        }
      }
      if (pendingLength > 0) yield Buffer.concat(pending, pendingLength);
      if (size !== undefined && total !== size) {
        throw new SshError(`the upload stream gave ${total} bytes where ${size} were announced`, { reason: 'local' });
      }
    },
    dispose: async () => {},
  };
}

function plainFileStream(source: Readable): string | undefined {
  if (!(source instanceof ReadStream)) return undefined;
  const stream = source as ReadStream & { start?: number; end?: number };
  const plain =
    typeof stream.path === 'string' && stream.start === undefined && stream.end === Number.POSITIVE_INFINITY;
  return plain && stream.bytesRead === 0 && !stream.destroyed ? stream.path.toString() : undefined;
}

function localError(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  throw new SshError(`cannot read ${path} (${code})`, { reason: 'local', cause: error });
}
