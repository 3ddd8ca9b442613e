import { randomFillSync } from 'node:crypto';
import type { Client } from 'ssh2';

// ssh2 fills the random padding of every outgoing SSH packet with its own randomFillSync call: a native crypto
// job per 32 KiB packet that cost as much main-thread time as encrypting the packet (CPU profile of an
// upload). OpenSSH draws padding from a buffered generator instead. This draws it from a pool of bytes filled
// by one randomFillSync per 16 KiB: the same CSPRNG, each byte used once, about a thousand times fewer calls.
//
// It relies on internals of the pinned ssh2 (1.17.0): the protocol object (`client._protocol`), its current
// cipher (`_cipher`, replaced at every key exchange) and the cipher's `allocPacket(payloadLength)`, which
// returns [uint32 length][uint8 padding length][payload][padding][room for the MAC or tag], where only the
// padding is random. pooled-packet-padding.test.ts checks all of that against every cipher ssh2 offers, so an
// ssh2 upgrade that changes it fails the tests instead of silently losing the speed-up.

/** The part of an ssh2 cipher this patches. */
interface PacketCipher {
  allocPacket(payloadLength: number): Buffer;
}

/** The fixed part of a packet for one payload length: everything but the payload and the random padding. */
interface PacketLayout {
  size: number;
  lengthField: number;
  paddingLength: number;
}

const poolSize = 16 * 1024;
const pool = Buffer.allocUnsafe(poolSize);
let poolOffset = poolSize;

/** Layouts remembered per cipher: a transfer uses a handful of payload lengths (full packets, the last one). */
const maxLayouts = 16;

const patched = new WeakSet<object>();

/**
 * Makes the ssh2 client draw packet padding from the pool, for the current cipher and every cipher a later
 * key exchange installs. Returns false, changing nothing, when the client's internals are not as expected.
 */
export function poolPacketPadding(client: Client): boolean {
  const protocol = (client as unknown as { _protocol?: { _cipher?: unknown } })._protocol;
  if (typeof protocol !== 'object' || protocol === null || !isPacketCipher(protocol._cipher)) return false;
  let current: unknown = protocol._cipher;
  withPooledPadding(current as PacketCipher);
  Object.defineProperty(protocol, '_cipher', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (next: unknown) => {
      current = next;
      if (isPacketCipher(next)) withPooledPadding(next);
    },
  });
  return true;
}

/** True when `cipher` allocates packets through the pool. */
export function hasPooledPadding(cipher: unknown): boolean {
  return typeof cipher === 'object' && cipher !== null && patched.has(cipher);
}

/**
 * Replaces `cipher.allocPacket` by one that learns the packet layout for a payload length from the original
 * (one call per new length) and then builds packets itself, with padding from the pool.
 */
export function withPooledPadding(cipher: PacketCipher): void {
  if (patched.has(cipher)) return;
  patched.add(cipher);
  const original = cipher.allocPacket;
  const layouts = new Map<number, PacketLayout>();
  cipher.allocPacket = (payloadLength: number): Buffer => {
    const layout = layouts.get(payloadLength);
    if (layout === undefined) {
      const packet = original.call(cipher, payloadLength);
      if (layouts.size >= maxLayouts) layouts.clear();
      layouts.set(payloadLength, {
        size: packet.length,
        lengthField: packet.readUInt32BE(0),
        paddingLength: packet[4] ?? 0,
      });
      return packet;
    }
    const packet = Buffer.allocUnsafe(layout.size);
    packet.writeUInt32BE(layout.lengthField, 0);
    packet[4] = layout.paddingLength;
    fillFromPool(packet, 5 + payloadLength, layout.paddingLength);
    return packet;
  };
}

/** Copies `length` unused random bytes into `target` at `offset` (a loop: padding is 4 to 19 bytes). */
function fillFromPool(target: Buffer, offset: number, length: number): void {
  if (poolOffset + length > poolSize) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  for (let i = 0; i < length; i++) target[offset + i] = pool[poolOffset + i] as number;
  poolOffset += length;
}

function isPacketCipher(value: unknown): value is PacketCipher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { allocPacket?: unknown }).allocPacket === 'function'
  );
}
