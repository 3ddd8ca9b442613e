import type { AddressInfo } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newTestKey, VmHarness } from '../testing/vm-harness';
import { generateEd25519Key } from './ed25519-key';
import { isRetained, nativeCiphersNeedRetaining, retainedCount, retainNativeCiphers } from './retain-native-ciphers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Protocol = { _cipher: unknown; _decipher: unknown };
const protocolOf = (connection: unknown) => (connection as { _protocol: Protocol })._protocol;

/** An ssh2 server whose connections get retainNativeCiphers, as the VMs' SSH servers do, and a client of it. */
async function connectedServerSide(): Promise<Connection> {
  let onConnection: (connection: Connection) => void = () => {};
  const ready = new Promise<Connection>((resolve) => {
    onConnection = resolve;
  });
  const server = new ssh2.Server({ hostKeys: [generateEd25519Key().private] }, (connection) => {
    retainNativeCiphers(connection);
    connection.on('error', () => {});
    connection.on('authentication', (ctx) => ctx.accept());
    connection.on('ready', () => onConnection(connection));
  });
  cleanups.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new ssh2.Client();
  client.on('error', () => {});
  cleanups.push(() => client.end());
  const port = (server.address() as AddressInfo).port;
  client.connect({ host: '127.0.0.1', port, username: 'outscale', privateKey: newTestKey().privateKey });
  return ready;
}

describe('retainNativeCiphers', () => {
  it(`keeps a connection's ciphers and deciphers, also after a key exchange, where Node.js needs it (this is ${process.version})`, async () => {
    const server = await connectedServerSide();
    const protocol = protocolOf(server);
    const first = { cipher: protocol._cipher, decipher: protocol._decipher };
    await new Promise<void>((resolve) => server.rekey(() => resolve()));
    await vi.waitFor(() => expect(protocol._cipher).not.toBe(first.cipher));
    for (const cipher of [first.cipher, first.decipher, protocol._cipher, protocol._decipher]) {
      expect(isRetained(cipher)).toBe(nativeCiphersNeedRetaining);
    }
  });

  it(`is applied by a VM's SSH server to every connection (this is Node.js ${process.version})`, async () => {
    const h = VmHarness.create();
    cleanups.push(() => h.close());
    const vm = await h.boot();
    const before = retainedCount();
    // A plain client, which retains nothing itself: what is retained is the VM server's side.
    const client = new ssh2.Client();
    client.on('error', () => {});
    cleanups.push(() => client.end());
    await new Promise<void>((resolve) => {
      client.once('ready', () => resolve());
      client.connect({ host: vm.ssh.host, port: vm.ssh.port, username: 'outscale', privateKey: h.key.privateKey });
    });
    // One native cipher and one native decipher for the key exchange, where Node.js needs them kept.
    expect(retainedCount() - before).toBe(nativeCiphersNeedRetaining ? 2 : 0);
  });
});
