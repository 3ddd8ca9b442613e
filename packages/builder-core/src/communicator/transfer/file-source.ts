import { open } from 'node:fs/promises';
import { SshError } from '../ssh-error';
import { BlockPool } from './block-pool';
import type { UploadSource } from './upload-source';

/** Bytes read from a file at once, and reads kept in flight ahead of the transport. */
const readBlock = 1024 * 1024;
const readsAhead = 4;

/**
 * A local file, read with positioned reads into 1 MiB blocks, several ahead of the transport (a read goes
 * through libuv's thread pool, whose latency would otherwise stall the pipeline), yielded as views. Blocks
 * whose views were all released are reused.
 */
export function fileSource(path: string, size: number): UploadSource {
  let pool: BlockPool | undefined;
  return {
    size,
    async *chunks(chunkSize) {
      const blockSize = chunkSize * Math.max(1, Math.ceil(readBlock / chunkSize));
      if (pool?.blockSize !== blockSize) pool = new BlockPool(blockSize);
      const blocks = pool;
      const handle = await open(path, 'r').catch((error: unknown) => localReadError(path, error));
      const pending: Promise<Buffer[]>[] = [];
      let position = 0;
      const readNext = () => {
        const length = Math.min(blockSize, size - position);
        const block = blocks.take();
        const read = handle.read(block, 0, length, position).then(({ bytesRead }) => {
          if (bytesRead < length) throw new SshError(`${path} shrank while it was being uploaded`, { reason: 'local' });
          return blocks.cut(block, length, chunkSize);
        });
        read.catch(() => {});
        pending.push(read);
        position += length;
      };
      try {
        while (pending.length < readsAhead && position < size) readNext();
        while (pending.length > 0) {
          const views = await (pending.shift() as Promise<Buffer[]>);
          if (position < size) readNext();
          yield* views;
        }
      } finally {
        await Promise.allSettled(pending);
        await handle.close();
      }
    },
    release: (chunk) => pool?.release(chunk),
    dispose: async () => {},
  };
}

/** The SshError for a local file that cannot be read. */
export function localReadError(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  throw new SshError(`cannot read ${path} (${code})`, { reason: 'local', cause: error });
}
