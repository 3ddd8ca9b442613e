import type * as Fs from 'node:fs';
import type * as Path from 'node:path';
import type { SftpAttrs, SftpCodec, SftpReader } from './sftp-codec';

type Handle = { kind: 'file'; fd: number } | { kind: 'dir'; path: string; names: string[] | undefined };

/**
 * An SFTP version 3 server (with OpenSSH's extensions) over stdin/stdout, for VMs whose host has no
 * OpenSSH sftp-server. It runs *inside* the VM, as the session's user, with the host's Node.js: every
 * path is resolved in the VM's own view, so a symlink in the VM can never lead to a host file. Requests
 * are served in order with synchronous file I/O, which keeps pipelined uploads fast.
 *
 * It must stay self-contained (Node.js modules and the codec come in through the constructor):
 * `sftpFallbackProgram` ships its source text, and the codec's, into the VM.
 */
export class SftpFallbackServer {
  private readonly handles = new Map<string, Handle>();
  private nextHandle = 0;
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly fs: typeof Fs,
    private readonly path: typeof Path,
    private readonly c: SftpCodec,
    private readonly output: (data: Buffer) => void,
  ) {}

  /** Feeds bytes from the client; answers every complete request. */
  receive(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (this.pending.length < 4 + length) break;
      const packet = this.pending.subarray(4, 4 + length);
      this.pending = this.pending.subarray(4 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: Buffer): void {
    const type = packet[0] ?? 0;
    if (type === 1) {
      const extensions = [
        'posix-rename@openssh.com',
        'statvfs@openssh.com',
        'hardlink@openssh.com',
        'fsync@openssh.com',
      ];
      const versions = ['1', '2', '1', '1'];
      const fields = extensions.flatMap((name, i) => [this.c.string(name), this.c.string(versions[i] ?? '1')]);
      this.output(this.c.packet(2, null, [this.c.u32(3), ...fields]));
      return;
    }
    const id = packet.readUInt32BE(1);
    let answer: Buffer;
    try {
      answer = this.serve(type, id, { buffer: packet, offset: 5 });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') answer = this.status(id, 2, 'No such file');
      else if (code === 'EACCES' || code === 'EPERM') answer = this.status(id, 3, 'Permission denied');
      else answer = this.status(id, 4, error instanceof Error ? error.message : 'Failure');
    }
    this.output(answer);
  }

  /** Serves one request and returns the answer. */
  private serve(type: number, id: number, r: SftpReader): Buffer {
    const fs = this.fs;
    const text = () => this.c.readText(r);
    const ok = () => this.status(id, 0, 'Success');
    switch (type) {
      case 3: {
        const path = text();
        const flags = this.openFlags(this.c.readU32(r));
        return this.handle(id, { kind: 'file', fd: fs.openSync(path, flags, this.c.readAttrs(r).mode ?? 0o666) });
      }
      case 4:
        return this.close(id, text());
      case 5:
        return this.read(id, this.fileHandle(text()), this.c.readU64(r), this.c.readU32(r));
      case 6: {
        const fd = this.fileHandle(text());
        const offset = this.c.readU64(r);
        const data = this.c.readString(r);
        for (let done = 0; done < data.length; )
          done += fs.writeSync(fd, data, done, data.length - done, offset + done);
        return ok();
      }
      case 7:
        return this.attrs(id, fs.lstatSync(text()));
      case 8:
        return this.attrs(id, fs.fstatSync(this.fileHandle(text())));
      case 9:
      case 10:
        this.applyAttrs(type === 9 ? text() : this.fileHandle(text()), this.c.readAttrs(r));
        return ok();
      case 11: {
        const path = text();
        fs.readdirSync(path);
        return this.handle(id, { kind: 'dir', path, names: undefined });
      }
      case 12:
        return this.readDir(id, text());
      case 13:
        fs.unlinkSync(text());
        return ok();
      case 14:
        fs.mkdirSync(text(), this.c.readAttrs(r).mode ?? 0o777);
        return ok();
      case 15:
        fs.rmdirSync(text());
        return ok();
      case 16:
        return this.names(id, [[this.realPath(text()), {}]]);
      case 17:
        return this.attrs(id, fs.statSync(text()));
      case 18: {
        const [from, to] = [text(), text()];
        // Version 3 rename never replaces (OpenSSH links then unlinks); posix-rename does.
        if (fs.existsSync(to)) return this.status(id, 4, 'Failure');
        fs.renameSync(from, to);
        return ok();
      }
      case 19:
        return this.names(id, [[fs.readlinkSync(text()), {}]]);
      case 20:
        // OpenSSH's argument order: the target first, then the link's path.
        fs.symlinkSync(text(), text());
        return ok();
      case 200:
        return this.extended(id, text(), r);
      default:
        return this.status(id, 8, 'Operation unsupported');
    }
  }

  private extended(id: number, name: string, r: SftpReader): Buffer {
    const text = () => this.c.readText(r);
    if (name === 'statvfs@openssh.com') {
      const s = this.fs.statfsSync(text());
      const fields = [s.bsize, s.bsize, s.blocks, s.bfree, s.bavail, s.files, s.ffree, s.ffree, 0, 0, 255];
      return this.c.packet(
        201,
        id,
        fields.map((value) => this.c.u64(value)),
      );
    }
    if (name === 'posix-rename@openssh.com') this.fs.renameSync(text(), text());
    else if (name === 'hardlink@openssh.com') this.fs.linkSync(text(), text());
    else if (name === 'fsync@openssh.com') this.fs.fsyncSync(this.fileHandle(text()));
    else return this.status(id, 8, 'Operation unsupported');
    return this.status(id, 0, 'Success');
  }

  private close(id: number, key: string): Buffer {
    const handle = this.handles.get(key);
    this.handles.delete(key);
    if (handle?.kind === 'file') this.fs.closeSync(handle.fd);
    return this.status(id, handle ? 0 : 4, handle ? 'Success' : 'Invalid handle');
  }

  private read(id: number, fd: number, offset: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(Math.min(length, 256 * 1024));
    const n = this.fs.readSync(fd, buffer, 0, buffer.length, offset);
    if (n === 0) return this.status(id, 1, 'End of file');
    return this.c.packet(103, id, [this.c.string(buffer.subarray(0, n))]);
  }

  private readDir(id: number, key: string): Buffer {
    const handle = this.handles.get(key);
    if (handle?.kind !== 'dir') return this.status(id, 4, 'Invalid handle');
    handle.names ??= ['.', '..', ...this.fs.readdirSync(handle.path)];
    const batch = handle.names.splice(0, 100);
    if (batch.length === 0) return this.status(id, 1, 'End of file');
    const entries: [string, SftpAttrs][] = [];
    for (const name of batch) {
      const stats = this.fs.lstatSync(this.path.join(handle.path, name), { throwIfNoEntry: false });
      if (stats) entries.push([name, this.c.attrsOf(stats)]);
    }
    return this.names(id, entries);
  }

  private realPath(path: string): string {
    const absolute = this.path.resolve(path === '' ? '.' : path);
    try {
      return this.fs.realpathSync(absolute);
    } catch {
      return absolute;
    }
  }

  private openFlags(pflags: number): number {
    const c = this.fs.constants;
    const access = pflags & 1 && pflags & 2 ? c.O_RDWR : pflags & 2 ? c.O_WRONLY : c.O_RDONLY;
    const extra = [
      [4, c.O_APPEND],
      [8, c.O_CREAT],
      [16, c.O_TRUNC],
      [32, c.O_EXCL],
    ] as const;
    return extra.reduce((flags, [bit, flag]) => (pflags & bit ? flags | flag : flags), access);
  }

  private applyAttrs(target: string | number, a: SftpAttrs): void {
    const fs = this.fs;
    const path = typeof target === 'string' ? target : undefined;
    const fd = typeof target === 'number' ? target : -1;
    if (a.size !== undefined) path ? fs.truncateSync(path, a.size) : fs.ftruncateSync(fd, a.size);
    if (a.uid !== undefined && a.gid !== undefined)
      path ? fs.chownSync(path, a.uid, a.gid) : fs.fchownSync(fd, a.uid, a.gid);
    if (a.mode !== undefined) path ? fs.chmodSync(path, a.mode & 0o7777) : fs.fchmodSync(fd, a.mode & 0o7777);
    if (a.atime !== undefined && a.mtime !== undefined) {
      path ? fs.utimesSync(path, a.atime, a.mtime) : fs.futimesSync(fd, a.atime, a.mtime);
    }
  }

  private fileHandle(key: string): number {
    const handle = this.handles.get(key);
    if (handle?.kind !== 'file') throw Object.assign(new Error('Invalid handle'), { code: 'EBADF' });
    return handle.fd;
  }

  private handle(id: number, handle: Handle): Buffer {
    const key = `${this.nextHandle++}`;
    this.handles.set(key, handle);
    return this.c.packet(102, id, [this.c.string(key)]);
  }

  private attrs(id: number, stats: Fs.Stats): Buffer {
    return this.c.packet(105, id, this.c.attrs(this.c.attrsOf(stats)));
  }

  private names(id: number, entries: [string, SftpAttrs][]): Buffer {
    const parts = entries.flatMap(([name, a]) => [
      this.c.string(name),
      this.c.string(this.c.longName(name, a)),
      ...this.c.attrs(a),
    ]);
    return this.c.packet(104, id, [this.c.u32(entries.length), ...parts]);
  }

  private status(id: number, code: number, message: string): Buffer {
    return this.c.packet(101, id, [this.c.u32(code), this.c.string(message), this.c.string('')]);
  }
}
