// The subset of SFTP version 3 (draft-ietf-secsh-filexfer-02, and OpenSSH's limits@openssh.com) the
// communicator speaks: enough to open, read, write and close files, stat them, make and list directories.

/** Packet types. */
export const sftpType = {
  init: 1,
  version: 2,
  open: 3,
  close: 4,
  read: 5,
  write: 6,
  lstat: 7,
  fstat: 8,
  fsetstat: 10,
  opendir: 11,
  readdir: 12,
  mkdir: 14,
  realpath: 16,
  stat: 17,
  status: 101,
  handle: 102,
  data: 103,
  name: 104,
  attrs: 105,
  extended: 200,
  extendedReply: 201,
} as const;

/** Status codes. */
export const sftpStatus = { ok: 0, eof: 1, noSuchFile: 2, permissionDenied: 3, failure: 4 } as const;

/** The protocol's names of the status codes, for error messages. */
export const sftpStatusNames: readonly string[] = [
  'SSH_FX_OK',
  'SSH_FX_EOF',
  'SSH_FX_NO_SUCH_FILE',
  'SSH_FX_PERMISSION_DENIED',
  'SSH_FX_FAILURE',
  'SSH_FX_BAD_MESSAGE',
  'SSH_FX_NO_CONNECTION',
  'SSH_FX_CONNECTION_LOST',
  'SSH_FX_OP_UNSUPPORTED',
];

/** Open flags. */
export const openFlags = { read: 0x01, write: 0x02, create: 0x08, truncate: 0x10 } as const;

const attrSize = 0x01;
const attrUidGid = 0x02;
const attrPermissions = 0x04;
const attrTimes = 0x08;
const attrExtended = 0x80000000;

/** File attributes as a server reports them; `mode` carries the file type bits. */
export interface SftpAttributes {
  size?: number;
  mode?: number;
}

/** A request field: a string or bytes (length-prefixed), a 32-bit or 64-bit integer, or raw bytes. */
export type Field = string | Buffer | { u32: number } | { u64: number } | { raw: Buffer };

/** Encodes one packet: length, type, then the fields. */
export function encodePacket(type: number, fields: readonly Field[]): Buffer {
  const parts: Buffer[] = [Buffer.from([type])];
  for (const field of fields) {
    if (typeof field === 'string' || Buffer.isBuffer(field)) {
      const data = typeof field === 'string' ? Buffer.from(field) : field;
      parts.push(u32(data.length), data);
    } else if ('u32' in field) {
      parts.push(u32(field.u32));
    } else if ('u64' in field) {
      const out = Buffer.alloc(8);
      out.writeBigUInt64BE(BigInt(field.u64));
      parts.push(out);
    } else {
      parts.push(field.raw);
    }
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length), body]);
}

/** Attributes to send: only the permission bits, when given. */
export function encodeAttributes(mode: number | undefined): Field {
  return { raw: mode === undefined ? u32(0) : Buffer.concat([u32(attrPermissions), u32(mode & 0o7777)]) };
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

/** Reads the fields of one received packet, throwing on truncated data. */
export class PacketReader {
  private offset = 0;

  constructor(private readonly body: Buffer) {}

  u32(): number {
    this.need(4);
    const value = this.body.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  u64(): number {
    this.need(8);
    const value = Number(this.body.readBigUInt64BE(this.offset));
    this.offset += 8;
    return value;
  }

  bytes(): Buffer {
    const length = this.u32();
    this.need(length);
    const value = this.body.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  string(): string {
    return this.bytes().toString('utf8');
  }

  attributes(): SftpAttributes {
    const flags = this.u32();
    const attributes: SftpAttributes = {};
    if (flags & attrSize) attributes.size = this.u64();
    if (flags & attrUidGid) this.skip(8);
    if (flags & attrPermissions) attributes.mode = this.u32();
    if (flags & attrTimes) this.skip(8);
    if (flags & attrExtended) {
      for (let count = this.u32(); count > 0; count--) {
        this.bytes();
        this.bytes();
      }
    }
    return attributes;
  }

  /** True while unread fields remain. */
  more(): boolean {
    return this.offset < this.body.length;
  }

  private skip(count: number): void {
    this.need(count);
    this.offset += count;
  }

  private need(count: number): void {
    if (this.offset + count > this.body.length) throw new Error('truncated SFTP packet');
  }
}
