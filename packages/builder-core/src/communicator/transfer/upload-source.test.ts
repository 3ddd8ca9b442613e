import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from './file-source';
import { toUploadSource, withKnownSize } from './upload-source';

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('upload sources', () => {
  let dir: string;
  const data = Buffer.from(Array.from({ length: 2_500_000 }, (_, i) => i % 251));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osc-packer-source-test-'));
    await writeFile(join(dir, 'data.bin'), data);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file ahead in blocks and yields chunks of the requested size, in order', async () => {
    const chunks = await collect(fileSource(join(dir, 'data.bin'), data.length).chunks(100_000));
    expect(chunks.slice(0, -1).every((c) => c.length === 100_000)).toBe(true);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('reuses the memory of released chunks, and never that of chunks still held', async () => {
    const big = Buffer.concat([data, data, data, data]);
    await writeFile(join(dir, 'big.bin'), big);
    const source = fileSource(join(dir, 'big.bin'), big.length);
    const held: Buffer[] = [];
    const copies: Buffer[] = [];
    const memory = new Set<ArrayBufferLike>();
    for await (const chunk of source.chunks(262_144)) {
      memory.add(chunk.buffer);
      copies.push(Buffer.from(chunk));
      if (held.length < 4) held.push(chunk);
      else source.release(chunk);
    }
    expect(Buffer.concat(copies).equals(big)).toBe(true);
    expect(Buffer.concat(held).equals(big.subarray(0, 4 * 262_144))).toBe(true);
    // Ten 1 MiB reads: the first block stays held, released ones come back (at most 4 reads are ahead).
    expect(memory.size).toBeLessThan(10);
  });

  it('fails when the file shrinks under it', async () => {
    const path = join(dir, 'shrinking.bin');
    await writeFile(path, data);
    const source = fileSource(path, data.length);
    await truncate(path, 1000);
    await expect(collect(source.chunks(65_536))).rejects.toThrow(/shrank while it was being uploaded/);
  });

  it('reads a plain fs.createReadStream as the file, and re-chunks other streams', async () => {
    const file = await toUploadSource(createReadStream(join(dir, 'data.bin')), undefined);
    expect(file.size).toBe(data.length);
    expect(Buffer.concat(await collect(file.chunks(300_000))).equals(data)).toBe(true);
    const pieces = [Buffer.from('ab'), 'cde', Buffer.from('fghij')];
    const stream = await toUploadSource(Readable.from(pieces), undefined);
    expect((await collect(stream.chunks(4))).map(String)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('spools a stream of unknown size to a temporary file, and removes it', async () => {
    const spoolDir = join(dir, 'spool');
    await mkdir(spoolDir);
    const source = await withKnownSize(
      await toUploadSource(Readable.from([data.subarray(0, 70_000)]), undefined),
      spoolDir,
    );
    expect(source.size).toBe(70_000);
    expect(await readdir(spoolDir)).toHaveLength(1);
    expect(Buffer.concat(await collect(source.chunks(8192))).equals(data.subarray(0, 70_000))).toBe(true);
    await source.dispose();
    expect(await readdir(spoolDir)).toHaveLength(0);
  });
});
