/** Larger packets than OpenSSH ever sends (256 KiB) are refused rather than buffered. */
const maxPacket = 4 * 1024 * 1024;

/**
 * Cuts a byte stream into length-prefixed packets (uint32 length, then the packet), copying only the
 * packets that span chunks. Throws on a packet larger than 4 MiB.
 */
export class PacketFramer {
  private chunks: Buffer[] = [];
  private length = 0;
  /** Size of the packet being received, once its length field is complete. */
  private size: number | undefined;

  /** Adds received bytes and calls `onPacket` with each complete packet (without its length field). */
  push(chunk: Buffer, onPacket: (packet: Buffer) => void): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    for (;;) {
      if (this.size === undefined) {
        if (this.length < 4) return;
        const head = this.chunks[0] as Buffer;
        this.size = (head.length >= 4 ? head : this.merge()).readUInt32BE(0);
        if (this.size > maxPacket) {
          throw new Error(`the SFTP server sent a ${this.size}-byte packet (at most ${maxPacket} expected)`);
        }
      }
      const end = 4 + this.size;
      if (this.length < end) return;
      const head = this.chunks[0] as Buffer;
      const whole = head.length >= end ? head : this.merge();
      const rest = whole.subarray(end);
      this.chunks.shift();
      if (rest.length > 0) this.chunks.unshift(rest);
      this.length -= end;
      this.size = undefined;
      onPacket(whole.subarray(4, end));
    }
  }

  /** Joins every buffered chunk into one (the first). */
  private merge(): Buffer {
    const merged = Buffer.concat(this.chunks, this.length);
    this.chunks = [merged];
    return merged;
  }
}
