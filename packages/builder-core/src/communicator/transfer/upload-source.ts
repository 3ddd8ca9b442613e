import { createWriteStream, ReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SshError } from '../ssh-error';
import { fileSource, localReadError } from './file-source';

/** Bytes to upload, read in chunks of a size the transport prefers. */
export interface UploadSource {
  /** Known in advance for files and buffers; undefined for a stream given without a size. */
  readonly size: number | undefined;
  /** Yields the bytes once, in chunks of at most `chunkSize`. */
  chunks(chunkSize: number): AsyncIterable<Buffer>;
  /**
   * Says a yielded chunk is no longer referenced (sent, or copied), so its memory may be reused. Optional
   * for the caller: an unreleased chunk stays valid.
   */
  release(chunk: Buffer): void;
  /** Releases what the source holds (a spooled temporary file). */
  dispose(): Promise<void>;
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
      release: () => {},
      dispose: async () => {},
    };
  }
  const file = plainFileStream(source);
  if (file !== undefined) {
    source.destroy();
    const info = await stat(file).catch((error: unknown) => localReadError(file, error));
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
    release: () => {},
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
