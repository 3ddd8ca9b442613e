import { createRequire } from 'node:module';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type Ssh2TestServer, startSsh2TestServer } from '../test';
import { waitUntil } from '../test/wait-until';
import { retainNativeCipher } from './native-cipher-retention';
import { hasPooledPadding, withPooledPadding } from './pooled-packet-padding';
import { sshHandshake } from './ssh-handshake';
import { loadPrivateKey } from './ssh-private-key';
import { openTcp } from './tcp-connect';

// ssh2's cipher internals, as the pinned version has them: the same module ssh2 itself loads.
interface CipherInfo {
  keyLen: number;
  ivLen: number;
}
interface MacInfo {
  len: number;
  isETM: boolean;
}
interface Cipher {
  allocPacket(payloadLength: number): Buffer;
  encrypt(packet: Buffer): void;
  free(): void;
}
interface Decipher {
  decrypt(data: Buffer, start: number, end: number): number | undefined;
  free(): void;
}
const supported = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as {
  SUPPORTED_CIPHER: readonly string[];
};
const internals = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as {
  CIPHER_INFO: Record<string, CipherInfo>;
  MAC_INFO: Record<string, MacInfo>;
  createCipher(config: unknown): Cipher;
  createDecipher(config: unknown): Decipher;
};

/**
 * A cipher and the matching decipher of one algorithm, with fixed keys; what the cipher writes is kept. The
 * decipher is ssh2's default one: its pure-JavaScript AES-GCM decipher (forceNative) rejects even ssh2's own
 * packets, with or without pooled padding.
 */
function cipherPair(name: string, mac: string, forceNative: boolean) {
  const cipherInfo = internals.CIPHER_INFO[name] as CipherInfo;
  const macInfo = internals.MAC_INFO[mac] as MacInfo;
  const key = Buffer.alloc(cipherInfo.keyLen, 7);
  const iv = Buffer.alloc(cipherInfo.ivLen, 3);
  const macKey = Buffer.alloc(macInfo.len, 5);
  const written: Buffer[] = [];
  const payloads: Buffer[] = [];
  const cipher = internals.createCipher({
    outbound: {
      onWrite: (packet: Buffer) => written.push(Buffer.from(packet)),
      cipherInfo,
      cipherKey: key,
      cipherIV: iv,
      seqno: 0,
      macInfo,
      macKey,
      forceNative,
    },
  });
  const decipher = internals.createDecipher({
    inbound: {
      onPayload: (payload: Buffer) => {
        payloads.push(Buffer.from(payload));
      },
      decipherInfo: cipherInfo,
      decipherKey: key,
      decipherIV: iv,
      seqno: 0,
      macInfo,
      macKey,
    },
  });
  // As for a connection's ciphers: collecting native ones can abort the process on Node.js 24.
  retainNativeCipher(cipher);
  retainNativeCipher(decipher);
  const free = () => {
    cipher.free();
    decipher.free();
  };
  return { cipher, decipher, written, payloads, free };
}

/** Builds, encrypts and sends one packet carrying `payload`, the way ssh2's protocol does. */
function send(cipher: Cipher, payload: Buffer): Buffer {
  const packet = cipher.allocPacket(payload.length);
  payload.copy(packet, 5);
  const plain = Buffer.from(packet);
  cipher.encrypt(packet);
  return plain;
}

// Every cipher ssh2 can negotiate with this Node's OpenSSL, with a plain and an encrypt-then-MAC MAC.
const cases = supported.SUPPORTED_CIPHER.flatMap((name) =>
  ['hmac-sha2-256', 'hmac-sha2-256-etm@openssh.com'].flatMap((mac) =>
    [false, true].map((forceNative) => ({ name, mac, forceNative })),
  ),
);
// Every length over two 16-byte cycles, full data packets, and the odd sizes a window adjust cuts.
const payloadLengths = [
  ...Array.from({ length: 40 }, (_, length) => length),
  32 * 1024 + 9,
  32 * 1024 + 9,
  1000,
  12_345,
  32 * 1024 + 9,
  33_001,
];

describe('withPooledPadding', () => {
  const tested: string[] = [];

  it.each(cases)(
    'builds the same packets as ssh2 for $name with $mac (forceNative: $forceNative)',
    ({ name, mac, forceNative }) => {
      const reference = cipherPair(name, mac, forceNative);
      const pooled = cipherPair(name, mac, forceNative);
      onTestFinished(() => {
        reference.free();
        pooled.free();
      });
      tested.push(name);
      withPooledPadding(pooled.cipher);
      expect(hasPooledPadding(pooled.cipher)).toBe(true);
      expect(hasPooledPadding(reference.cipher)).toBe(false);
      const paddings: string[] = [];
      for (const [index, length] of payloadLengths.entries()) {
        const payload = Buffer.alloc(length, (index % 255) + 1);
        const ours = send(pooled.cipher, payload);
        const theirs = send(reference.cipher, payload);
        // Same size, same length field and padding length; only the random padding differs.
        expect(ours.length).toBe(theirs.length);
        // (Buffer.equals: vitest's deep equality takes a quarter of a second per 32 KiB buffer.)
        expect(ours.subarray(0, 5 + length).equals(theirs.subarray(0, 5 + length))).toBe(true);
        const paddingLength = ours[4] as number;
        paddings.push(ours.subarray(5 + length, 5 + length + paddingLength).toString('hex'));
      }
      // The receiving side accepts every packet (length, padding, MAC or tag) and gets the payloads back.
      const stream = Buffer.concat(pooled.written);
      pooled.decipher.decrypt(stream, 0, stream.length);
      expect(pooled.payloads.map((payload) => payload.length)).toEqual(payloadLengths);
      expect(pooled.payloads.map((payload) => payload[0] ?? 0)).toEqual(
        payloadLengths.map((length, index) => (length === 0 ? 0 : (index % 255) + 1)),
      );
      // Padding is fresh for every packet, also for repeated lengths served from the learnt layout.
      expect(new Set(paddings).size).toBe(paddings.length);
    },
  );

  it('leaves alone a cipher whose packets follow no rule it knows', () => {
    // 32-byte blocks: no cipher ssh2 has today.
    const allocPacket = (payloadLength: number) => {
      let padding = 32 - ((5 + payloadLength) & 31);
      if (padding < 4) padding += 32;
      const packet = Buffer.alloc(5 + payloadLength + padding);
      packet.writeUInt32BE(1 + payloadLength + padding, 0);
      packet[4] = padding;
      return packet;
    };
    const cipher = { allocPacket };
    withPooledPadding(cipher);
    expect(hasPooledPadding(cipher)).toBe(false);
    expect(cipher.allocPacket).toBe(allocPacket);
  });

  it('was checked against the ciphers builds use', () => {
    for (const name of ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com']) {
      expect(tested).toContain(name);
    }
    expect(tested).toContain('aes128-ctr');
  });
});

describe('poolPacketPadding on a live connection', () => {
  let server: Ssh2TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await startSsh2TestServer();
    const key = await loadPrivateKey({ key: server.clientKey.privateKey });
    const sock = await openTcp(server.host, server.port, { timeoutMs: 10_000 });
    client = await sshHandshake(sock, {
      credentials: { username: server.username },
      keys: [key],
      address: `${server.host}:${server.port}`,
      timeoutMs: 10_000,
      keepAliveIntervalMs: 0,
    });
  });
  afterAll(async () => {
    client?.end();
    await server?.stop();
  });

  const cipherOf = (ssh: Client) => (ssh as unknown as { _protocol: { _cipher: unknown } })._protocol._cipher;
  const countBytes = (ssh: Client, bytes: number) =>
    new Promise<string>((resolve, reject) => {
      ssh.exec('wc -c', (error, channel) => {
        if (error) {
          reject(error);
          return;
        }
        let output = '';
        channel.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        channel.on('close', () => resolve(output.trim()));
        channel.end(Buffer.alloc(bytes, 0x5a));
      });
    });

  it('uses the pool for the negotiated cipher, and again after a key re-exchange', async () => {
    const first = cipherOf(client);
    expect(hasPooledPadding(first)).toBe(true);
    expect(await countBytes(client, 3 * 1024 * 1024)).toBe(String(3 * 1024 * 1024));
    // ssh2's client has no public rekey; its protocol object starts one, as a server's rekey limit would.
    (client as unknown as { _protocol: { rekey(): void } })._protocol.rekey();
    await waitUntil(() => cipherOf(client) !== first);
    const second = cipherOf(client);
    expect(hasPooledPadding(second)).toBe(true);
    expect(await countBytes(client, 1024 * 1024 + 17)).toBe(String(1024 * 1024 + 17));
  });
});
