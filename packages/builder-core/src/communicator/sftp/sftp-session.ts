import type { FileEntryWithStats, InputAttributes, SFTPWrapper, Stats } from 'ssh2';
import { SshError } from '../ssh-error';

/** An SFTP subsystem channel plus the connection it runs on, as the communicator hands them out. */
export interface OpenedSftp {
  sftp: SFTPWrapper;
  address: string;
  isConnectionClosed(): boolean;
}

/** Opens an SFTP session (reconnecting first if the connection dropped). */
export type OpenSftp = (signal?: AbortSignal) => Promise<OpenedSftp>;

/** One remote directory entry, with its attributes (`mode` includes the file type bits). */
export interface SftpEntry {
  name: string;
  stats: Stats;
}

/**
 * Promise-based SFTP calls for one session. Errors become SshErrors naming the operation and path
 * (`remote`, or `disconnected` when the connection dropped); after an abort every call rejects with the
 * signal's reason and the session is closed.
 */
export class SftpSession {
  private abortReason: unknown;

  private constructor(
    private readonly opened: OpenedSftp,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  static async start(open: OpenSftp, signal?: AbortSignal): Promise<SftpSession> {
    signal?.throwIfAborted();
    return new SftpSession(await open(signal), signal);
  }

  /**
   * The largest write (or read) the server accepts in one request: ssh2 learns it from OpenSSH's
   * limits@openssh.com but keeps it private; 32 KiB (what every server takes) when it is not there.
   */
  requestLimit(kind: 'read' | 'write'): number {
    const limits = this.opened.sftp as unknown as { _maxWriteLen?: unknown; _maxReadLen?: unknown };
    const limit = kind === 'write' ? limits._maxWriteLen : limits._maxReadLen;
    return typeof limit === 'number' && limit > 0 ? Math.min(limit, 256 * 1024) : 32 * 1024;
  }

  open(path: string, flags: 'r' | 'w', mode?: number): Promise<Buffer> {
    const attributes: InputAttributes = mode === undefined ? {} : { mode };
    return this.call(`open ${path}`, (cb) => this.opened.sftp.open(path, flags, attributes, cb));
  }

  close(handle: Buffer, path: string): Promise<void> {
    return this.call(`close ${path}`, (cb) => this.opened.sftp.close(handle, cb));
  }

  write(handle: Buffer, data: Buffer, position: number, path: string): Promise<void> {
    return this.call(`write ${path}`, (cb) => this.opened.sftp.write(handle, data, 0, data.length, position, cb));
  }

  /** Reads up to `length` bytes at `position`; fewer at the end of the file, 0 past it. */
  read(handle: Buffer, length: number, position: number, path: string): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    return this.call<number>(`read ${path}`, (cb) =>
      this.opened.sftp.read(handle, buffer, 0, length, position, (error, bytesRead) => cb(error, bytesRead)),
    ).then(
      (bytesRead) => (bytesRead === length ? buffer : buffer.subarray(0, bytesRead)),
      (error: unknown) => {
        // ssh2 reports reading at the end of the file as an EOF error.
        if ((error as { cause?: { code?: number } }).cause?.code === 1) return Buffer.alloc(0);
        throw error;
      },
    );
  }

  fstat(handle: Buffer, path: string): Promise<Stats> {
    return this.call(`stat ${path}`, (cb) => this.opened.sftp.fstat(handle, cb));
  }

  fchmod(handle: Buffer, mode: number, path: string): Promise<void> {
    return this.call(`chmod ${path}`, (cb) => this.opened.sftp.fchmod(handle, mode, cb));
  }

  stat(path: string): Promise<Stats> {
    return this.call(`stat ${path}`, (cb) => this.opened.sftp.stat(path, cb));
  }

  realpath(path: string): Promise<string> {
    return this.call(`resolve ${path}`, (cb) => this.opened.sftp.realpath(path, cb));
  }

  /** Creates a directory; an existing directory is fine, an existing file is an error. */
  async ensureDirectory(path: string, mode: number): Promise<void> {
    try {
      await this.call<void>(`mkdir ${path}`, (cb) => this.opened.sftp.mkdir(path, { mode }, cb));
    } catch (error) {
      const existing = await this.stat(path).catch(() => undefined);
      if (existing?.isDirectory() !== true) throw error;
    }
  }

  async readdir(path: string): Promise<SftpEntry[]> {
    const list = await this.call<FileEntryWithStats[]>(`list ${path}`, (cb) => this.opened.sftp.readdir(path, cb));
    return list
      .filter((e) => e.filename !== '.' && e.filename !== '..')
      .map((e) => ({ name: e.filename, stats: e.attrs }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Ends the session; idempotent. */
  end(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.opened.sftp.end();
  }

  private call<T>(what: string, run: (cb: (error: Error | undefined | null, value: T) => void) => void): Promise<T> {
    if (this.abortReason !== undefined) return Promise.reject(this.abortReason);
    return new Promise<T>((resolve, reject) => {
      run((error, value) => {
        if (this.abortReason !== undefined) reject(this.abortReason);
        else if (error) reject(this.wrap(what, error));
        else resolve(value);
      });
    });
  }

  private wrap(what: string, error: Error): SshError {
    const { address } = this.opened;
    if (this.opened.isConnectionClosed()) {
      return new SshError(`the SSH connection to ${address} dropped during an SFTP transfer (${what})`, {
        reason: 'disconnected',
        address,
        cause: error,
      });
    }
    return new SshError(`sftp: cannot ${what}: ${error.message}`, { reason: 'remote', address, cause: error });
  }

  private readonly onAbort = () => {
    this.abortReason = this.signal?.reason;
    this.opened.sftp.end();
  };
}
