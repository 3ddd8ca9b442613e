import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { batchSocketWrites } from './batch-socket-writes';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function socketPair(): Promise<{ client: Socket; server: Socket }> {
  const listener = createServer();
  cleanups.push(() => listener.close());
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const client = connect(port, '127.0.0.1');
  const server = await accepted;
  cleanups.push(() => {
    client.destroy();
    server.destroy();
  });
  return { client, server };
}

describe('batchSocketWrites', () => {
  it('corks while incoming data is handled and sends everything written meanwhile on the next tick', async () => {
    const { client, server } = await socketPair();
    batchSocketWrites(client);
    const corkedInHandler: number[] = [];
    client.on('data', () => {
      corkedInHandler.push(client.writableCorked);
      for (let i = 0; i < 8; i++) client.write(Buffer.alloc(32 * 1024, i));
    });
    let received = Buffer.alloc(0);
    const all = new Promise<void>((resolve) =>
      server.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 8 * 32 * 1024) resolve();
      }),
    );
    server.write('window adjust');
    await all;
    expect(corkedInHandler).toEqual([1]);
    expect(client.writableCorked).toBe(0);
    expect([...new Set(received)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves writes made outside a data handler alone', async () => {
    const { client, server } = await socketPair();
    batchSocketWrites(client);
    const got = new Promise<string>((resolve) => server.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    client.write('hello');
    expect(client.writableCorked).toBe(0);
    expect(await got).toBe('hello');
  });
});
