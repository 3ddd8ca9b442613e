import type * as Fs from 'node:fs';

/** SFTP file attributes (version 3). */
export type SftpAttrs = { size?: number; uid?: number; gid?: number; mode?: number; atime?: number; mtime?: number };

/** A request being decoded. */
export type SftpReader = { buffer: Buffer; offset: number };

/**
 * Encoding and decoding of SFTP version 3 fields. Self-contained like `SftpFallbackServer`, whose
 * source text travels into VMs with it (with no state, but a class so that its source text is whole).
 */
export class SftpCodec {
  readU32(r: SftpReader): number {
    r.offset += 4;
    return r.buffer.readUInt32BE(r.offset - 4);
  }

  readU64(r: SftpReader): number {
    r.offset += 8;
    return Number(r.buffer.readBigUInt64BE(r.offset - 8));
  }

  readString(r: SftpReader): Buffer {
    const length = this.readU32(r);
    r.offset += length;
    return r.buffer.subarray(r.offset - length, r.offset);
  }

  readText(r: SftpReader): string {
    return this.readString(r).toString('utf8');
  }

  readAttrs(r: SftpReader): SftpAttrs {
    const flags = this.readU32(r);
    const attrs: SftpAttrs = {};
    if (flags & 1) attrs.size = this.readU64(r);
    if (flags & 2) [attrs.uid, attrs.gid] = [this.readU32(r), this.readU32(r)];
    if (flags & 4) attrs.mode = this.readU32(r);
    if (flags & 8) [attrs.atime, attrs.mtime] = [this.readU32(r), this.readU32(r)];
    return attrs;
  }

  attrsOf(s: Fs.Stats): SftpAttrs {
    const time = (d: Date) => Math.floor(d.getTime() / 1000);
    return { size: s.size, uid: s.uid, gid: s.gid, mode: s.mode, atime: time(s.atime), mtime: time(s.mtime) };
  }

  attrs(a: SftpAttrs): Buffer[] {
    const u32 = this.u32;
    if (a.size === undefined) return [u32(0)];
    return [
      u32(15),
      this.u64(a.size),
      u32(a.uid ?? 0),
      u32(a.gid ?? 0),
      u32(a.mode ?? 0),
      u32(a.atime ?? 0),
      u32(a.mtime ?? 0),
    ];
  }

  /** The `ls -l` line OpenSSH's sftp prints for `ls -l`. */
  longName(name: string, a: SftpAttrs): string {
    const mode = a.mode;
    if (mode === undefined) return name;
    const kinds: Record<number, string> = { 9604: 'd', 21609: 'l', 4802: 'c', 14406: 'b', 2401: 'p', 26411: 's' };
    const kind = kinds[mode & 0o170000] ?? '-';
    const bits = 'rwxrwxrwx'.replace(/./g, (ch, i: number) => (mode & (0o400 >> i) ? ch : '-'));
    const date = new Date((a.mtime ?? 0) * 1000).toUTCString().slice(5, 22);
    const owner = `${String(a.uid).padEnd(8)} ${String(a.gid).padEnd(8)}`;
    return `${kind}${bits}    1 ${owner} ${String(a.size).padStart(8)} ${date} ${name}`;
  }

  /** A whole packet: length, type, request id (absent for VERSION), then the fields. */
  packet(type: number, id: number | null, parts: Buffer[]): Buffer {
    const head = Buffer.alloc(id === null ? 5 : 9);
    if (id !== null) head.writeUInt32BE(id, 5);
    head[4] = type;
    const body = [head, ...parts];
    head.writeUInt32BE(body.reduce((n, b) => n + b.length, 0) - 4, 0);
    return Buffer.concat(body);
  }

  u32(value: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0);
    return b;
  }

  u64(value: number): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(value))));
    return b;
  }

  string(data: Buffer | string): Buffer {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    return Buffer.concat([this.u32(bytes.length), bytes]);
  }
}
