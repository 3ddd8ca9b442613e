import type { ClientChannel } from 'ssh2';
import { PacketFramer } from './packet-framer';
import {
  encodeAttributes,
  encodePacket,
  type Field,
  openFlags,
  PacketReader,
  type SftpAttributes,
  sftpStatus,
  sftpType,
} from './sftp-protocol';
import { SftpStatusError } from './sftp-status-error';
import { writeRequest } from './sftp-write-request';

interface Reply {
  type: number;
  body: PacketReader;
}

/** One directory entry as listed by the server. */
export interface SftpListing {
  name: string;
  attributes: SftpAttributes;
}

// ssh2's own SFTP client copies every write into a new buffer; this one hands file data to the channel as
// views (see writeRequest), which keeps SFTP uploads as cheap as SCP.

/** An SFTP v3 client over an ssh2 `sftp` subsystem channel. Requests may be pipelined freely. */
export class SftpClient {
  /** Largest read and write a request may carry (the server's limits@openssh.com, else 32 KiB). */
  readonly limits = { read: 32 * 1024, write: 32 * 1024 };
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private readonly framer = new PacketFramer();
  private failure: Error | undefined;
  private onVersion: ((reply: Reply) => void) | undefined;

  private constructor(private readonly channel: ClientChannel) {
    channel.on('data', (chunk: Buffer) => {
      try {
        this.framer.push(chunk, (packet) => this.dispatch(packet));
      } catch (error) {
        this.fail(error as Error);
        channel.close();
      }
    });
    channel.stderr.resume();
    channel.on('close', () => this.fail(new Error('the SFTP session closed')));
    channel.on('error', (error: Error) => this.fail(error));
  }

  /** Runs the version exchange (and asks OpenSSH for its limits) on a fresh subsystem channel. */
  static async start(channel: ClientChannel): Promise<SftpClient> {
    const client = new SftpClient(channel);
    const version = await new Promise<Reply>((resolve, reject) => {
      client.onVersion = resolve;
      client.pending.set(-1, { resolve, reject });
      channel.write(encodePacket(sftpType.init, [{ u32: 3 }]));
    });
    client.pending.delete(-1);
    const extensions = new Map<string, string>();
    while (version.body.more()) extensions.set(version.body.string(), version.body.string());
    if (extensions.get('limits@openssh.com') === '1') {
      const reply = await client.request(sftpType.extended, ['limits@openssh.com']);
      if (reply.type === sftpType.extendedReply) {
        reply.body.u64();
        const read = reply.body.u64();
        const write = reply.body.u64();
        if (read > 0) client.limits.read = Math.min(read, 256 * 1024);
        if (write > 0) client.limits.write = Math.min(write, 256 * 1024);
      }
    }
    return client;
  }

  async open(path: string, mode: 'r' | 'w', permissions?: number): Promise<Buffer> {
    const flags = mode === 'r' ? openFlags.read : openFlags.write | openFlags.create | openFlags.truncate;
    return this.handle(await this.request(sftpType.open, [path, { u32: flags }, encodeAttributes(permissions)]));
  }

  async close(handle: Buffer): Promise<void> {
    this.status(await this.request(sftpType.close, [handle]));
  }

  /** Writes `data` at `offset`; `sent` runs once the channel no longer needs `data`. */
  async write(handle: Buffer, offset: number, data: Buffer, sent?: () => void): Promise<void> {
    const request = writeRequest(this.channel, handle, offset, data);
    const reply = this.request(sftpType.write, [], (id) => {
      request.setId(id);
      this.channel.write(request.first);
      if (request.rest === undefined) sent?.();
      else this.channel.write(request.rest, sent === undefined ? undefined : () => sent());
    });
    this.status(await reply);
  }

  /** Reads up to `length` bytes at `offset`; an empty buffer at the end of the file. */
  async read(handle: Buffer, offset: number, length: number): Promise<Buffer> {
    const reply = await this.request(sftpType.read, [handle, { u64: offset }, { u32: length }]);
    if (reply.type === sftpType.data) return reply.body.bytes();
    const code = this.statusCode(reply);
    if (code === sftpStatus.eof) return Buffer.alloc(0);
    throw this.statusError(reply, code);
  }

  async fstat(handle: Buffer): Promise<SftpAttributes> {
    return this.attributes(await this.request(sftpType.fstat, [handle]));
  }

  async stat(path: string): Promise<SftpAttributes> {
    return this.attributes(await this.request(sftpType.stat, [path]));
  }

  async fchmod(handle: Buffer, mode: number): Promise<void> {
    this.status(await this.request(sftpType.fsetstat, [handle, encodeAttributes(mode)]));
  }

  async mkdir(path: string, mode: number): Promise<void> {
    this.status(await this.request(sftpType.mkdir, [path, encodeAttributes(mode)]));
  }

  async realpath(path: string): Promise<string> {
    const reply = await this.request(sftpType.realpath, [path]);
    if (reply.type !== sftpType.name) throw this.statusError(reply, this.statusCode(reply));
    reply.body.u32();
    return reply.body.string();
  }

  /** Every entry of a directory (`.` and `..` included, as the server lists them). */
  async readdir(path: string): Promise<SftpListing[]> {
    const handle = this.handle(await this.request(sftpType.opendir, [path]));
    const entries: SftpListing[] = [];
    try {
      for (;;) {
        const reply = await this.request(sftpType.readdir, [handle]);
        if (reply.type !== sftpType.name) {
          const code = this.statusCode(reply);
          if (code === sftpStatus.eof) return entries;
          throw this.statusError(reply, code);
        }
        for (let count = reply.body.u32(); count > 0; count--) {
          const name = reply.body.string();
          reply.body.string();
          entries.push({ name, attributes: reply.body.attributes() });
        }
      }
    } finally {
      await this.close(handle).catch(() => {});
    }
  }

  /** Ends the session. */
  end(): void {
    this.fail(new Error('the SFTP session was ended'));
    this.channel.end();
    this.channel.close();
  }

  private request(type: number, fields: readonly Field[], send?: (id: number) => void): Promise<Reply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (send !== undefined) send(id);
      else this.channel.write(encodePacket(type, [{ u32: id }, ...fields]));
    });
  }

  private dispatch(packet: Buffer): void {
    const type = packet[0] ?? 0;
    const body = new PacketReader(packet.subarray(1));
    if (type === sftpType.version) {
      body.u32();
      this.onVersion?.({ type, body });
      return;
    }
    const id = body.u32();
    const waiter = this.pending.get(id);
    if (waiter === undefined) return;
    this.pending.delete(id);
    waiter.resolve({ type, body });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }

  private handle(reply: Reply): Buffer {
    if (reply.type === sftpType.handle) return Buffer.from(reply.body.bytes());
    throw this.statusError(reply, this.statusCode(reply));
  }

  private attributes(reply: Reply): SftpAttributes {
    if (reply.type === sftpType.attrs) return reply.body.attributes();
    throw this.statusError(reply, this.statusCode(reply));
  }

  private status(reply: Reply): void {
    const code = this.statusCode(reply);
    if (code !== sftpStatus.ok) throw this.statusError(reply, code);
  }

  private statusCode(reply: Reply): number {
    if (reply.type !== sftpType.status) throw new Error(`unexpected SFTP answer (type ${reply.type})`);
    return reply.body.u32();
  }

  private statusError(reply: Reply, code: number): SftpStatusError {
    return SftpStatusError.fromReply(reply.type, reply.body, code);
  }
}
