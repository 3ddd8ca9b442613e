import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ssh2TestServer, startSsh2TestServer } from '../test';
import { waitUntil } from '../test/wait-until';
import { isNativeCipherRetained, nativeCiphersNeedRetaining } from './native-cipher-retention';
import { sshHandshake } from './ssh-handshake';
import { loadPrivateKey } from './ssh-private-key';
import { openTcp } from './tcp-connect';

let server: Ssh2TestServer;
beforeAll(async () => {
  server = await startSsh2TestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function connect(): Promise<Client> {
  const key = await loadPrivateKey({ key: server.clientKey.privateKey });
  const sock = await openTcp(server.host, server.port, { timeoutMs: 10_000 });
  return sshHandshake(sock, {
    credentials: { username: server.username },
    keys: [key],
    address: `${server.host}:${server.port}`,
    timeoutMs: 10_000,
    keepAliveIntervalMs: 0,
  });
}

const protocolOf = (client: Client) =>
  (client as unknown as { _protocol: { _cipher: unknown; _decipher: unknown; rekey(): void } })._protocol;

describe('native cipher retention', () => {
  it(`keeps every cipher and decipher of a connection where Node.js needs it (this is ${process.version})`, async () => {
    const client = await connect();
    try {
      const protocol = protocolOf(client);
      const first = { cipher: protocol._cipher, decipher: protocol._decipher };
      protocol.rekey();
      await waitUntil(() => protocol._cipher !== first.cipher && protocol._decipher !== first.decipher);
      for (const cipher of [first.cipher, first.decipher, protocol._cipher, protocol._decipher]) {
        expect(isNativeCipherRetained(cipher)).toBe(nativeCiphersNeedRetaining);
      }
    } finally {
      client.end();
    }
  });

  // Without the retention, this aborts the test worker on Node.js 24.19 and later: the garbage collector
  // reclaims the dropped connections' native ciphers.
  it.skipIf(!nativeCiphersNeedRetaining)(
    'survives garbage collections after connections are dropped (Node.js 24 and later; earlier ones never abort)',
    async () => {
      for (let i = 0; i < 4; i++) {
        const client = await connect();
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.end();
        await closed;
      }
      let junk: unknown[] = [];
      for (let i = 0; i < 300_000; i++) {
        junk.push(new Array(64).fill(i));
        if (junk.length > 5_000) junk = [];
        if (i % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      expect(junk.length).toBeLessThanOrEqual(5_000);
    },
  );
});
