import { randomFillSync } from 'node:crypto';

// ssh2 fills the random padding of every outgoing SSH packet with its own randomFillSync call: a native crypto
// job per 32 KiB packet that cost as much main-thread time as encrypting the packet (CPU profile of an
// upload). OpenSSH draws padding from a buffered generator instead. This draws it from a pool of bytes filled
// by one randomFillSync per 16 KiB: the same CSPRNG, each byte used once, about a thousand times fewer calls.
//
// It relies on internals of the pinned ssh2 (1.17.0): each cipher a connection uses (see
// watch-protocol-ciphers.ts) has an `allocPacket(payloadLength)` that returns [uint32 length][uint8 padding
// length][payload][padding][room for the MAC or tag], where only the padding is random.
// pooled-packet-padding.test.ts checks all of that against every cipher ssh2 negotiates, so an ssh2 upgrade
// that changes it fails the tests instead of silently losing the speed-up.

/** The part of an ssh2 cipher this patches. */
interface PacketCipher {
  allocPacket(payloadLength: number): Buffer;
}

/**
 * How a cipher sizes packets: padding brings `5 + payload length - aadLength` to a multiple of
 * `blockLength` with at least 4 bytes, and `trailerLength` bytes (MAC or tag) follow it.
 */
interface PaddingRule {
  blockLength: number;
  aadLength: number;
  trailerLength: number;
}

const poolSize = 16 * 1024;
const pool = Buffer.allocUnsafe(poolSize);
let poolOffset = poolSize;

const patched = new WeakSet<object>();

/** True when `cipher` allocates packets through the pool. */
export function hasPooledPadding(cipher: unknown): boolean {
  return typeof cipher === 'object' && cipher !== null && patched.has(cipher);
}

/**
 * Replaces `cipher.allocPacket` by one that builds packets itself, with padding from the pool, once the
 * cipher's padding rule is learnt from the original. Anything else, or a cipher no rule fits, is left alone.
 */
export function withPooledPadding(cipher: unknown): void {
  if (!isPacketCipher(cipher) || patched.has(cipher)) return;
  const original = cipher.allocPacket;
  const rule = learnPaddingRule((payloadLength) => original.call(cipher, payloadLength));
  if (rule === undefined) return;
  patched.add(cipher);
  cipher.allocPacket = (payloadLength: number): Buffer => {
    const padding = paddingLength(rule, payloadLength);
    const packet = Buffer.allocUnsafe(5 + payloadLength + padding + rule.trailerLength);
    packet.writeUInt32BE(1 + payloadLength + padding, 0);
    packet[4] = padding;
    fillFromPool(packet, 5 + payloadLength, padding);
    return packet;
  };
}

/**
 * The rule that gives exactly the packets the original builds for payloads of 0 to 15 bytes: a whole cycle
 * of every block length ssh2 uses (8 and 16), so it then holds for every length.
 */
function learnPaddingRule(allocPacket: (payloadLength: number) => Buffer): PaddingRule | undefined {
  const samples = Array.from({ length: 16 }, (_, payloadLength) => {
    const packet = allocPacket(payloadLength);
    return { payloadLength, size: packet.length, lengthField: packet.readUInt32BE(0), padding: packet[4] ?? 0 };
  });
  const first = samples[0] as (typeof samples)[number];
  const trailerLength = first.size - 5 - first.padding;
  for (const blockLength of [8, 16]) {
    for (const aadLength of [0, 4]) {
      const rule = { blockLength, aadLength, trailerLength };
      const fits = samples.every((sample) => {
        const padding = paddingLength(rule, sample.payloadLength);
        return (
          sample.padding === padding &&
          sample.lengthField === 1 + sample.payloadLength + padding &&
          sample.size === 5 + sample.payloadLength + padding + trailerLength
        );
      });
      if (fits) return rule;
    }
  }
  return undefined;
}

function paddingLength(rule: PaddingRule, payloadLength: number): number {
  const padding = rule.blockLength - ((5 + payloadLength - rule.aadLength) & (rule.blockLength - 1));
  return padding < 4 ? padding + rule.blockLength : padding;
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
