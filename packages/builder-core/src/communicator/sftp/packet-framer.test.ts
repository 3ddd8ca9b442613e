import { describe, expect, it } from 'vitest';
import { PacketFramer } from './packet-framer';

const packet = (body: string) => {
  const data = Buffer.from(body);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
};

describe('PacketFramer', () => {
  it('cuts packets however the stream is chunked', () => {
    const stream = Buffer.concat([packet('first'), packet(''), packet('x'.repeat(70_000)), packet('last')]);
    for (const size of [1, 3, 4, 5, 1000, stream.length]) {
      const framer = new PacketFramer();
      const seen: string[] = [];
      for (let i = 0; i < stream.length; i += size) {
        framer.push(stream.subarray(i, i + size), (p) => seen.push(p.toString()));
      }
      expect(seen).toEqual(['first', '', 'x'.repeat(70_000), 'last']);
    }
  });

  it('refuses absurd packet sizes instead of buffering them', () => {
    expect(() => new PacketFramer().push(Buffer.from([0x7f, 0xff, 0xff, 0xff]), () => {})).toThrow(/packet/);
  });
});
