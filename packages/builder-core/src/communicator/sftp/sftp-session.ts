import { SshError } from '../ssh-error';
import type { SftpClient } from './sftp-client';
import type { SftpAttributes } from './sftp-protocol';

/** An SFTP session plus the connection it runs on, as the communicator hands them out. */
export interface OpenedSftp {
  sftp: SftpClient;
  address: string;
  isConnectionClosed(): boolean;
}

/** Opens an SFTP session (reconnecting first if the connection dropped). */
export type OpenSftp = (signal?: AbortSignal) => Promise<OpenedSftp>;

/** One remote directory entry; `attributes.mode` includes the file type bits. */
export interface SftpEntry {
  name: string;
  attributes: SftpAttributes;
}

const typeMask = 0o170000;

/** The file type of a mode: `directory`, `file`, `link`, or `other`. */
export function fileType(mode: number | undefined): 'directory' | 'file' | 'link' | 'other' {
  switch ((mode ?? 0) & typeMask) {
    case 0o040000:
      return 'directory';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'link';
    default:
      return 'other';
  }
}

/**
 * SFTP calls for one transfer. Errors become SshErrors naming the operation and path (`remote`, or
 * `disconnected` when the connection dropped); after an abort every call rejects with the signal's reason
 * and the session is closed.
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

  /** The largest read or write the server takes in one request. */
  requestLimit(kind: 'read' | 'write'): number {
    return this.opened.sftp.limits[kind];
  }

  open(path: string, flags: 'r' | 'w', mode?: number): Promise<Buffer> {
    return this.call(`open ${path}`, () => this.opened.sftp.open(path, flags, mode));
  }

  close(handle: Buffer, path: string): Promise<void> {
    return this.call(`close ${path}`, () => this.opened.sftp.close(handle));
  }

  /** Writes `data` at `position`; `sent` runs once `data` is no longer referenced. */
  write(handle: Buffer, data: Buffer, position: number, path: string, sent?: () => void): Promise<void> {
    return this.call(`write ${path}`, () => this.opened.sftp.write(handle, position, data, sent));
  }

  /** Reads up to `length` bytes at `position`; fewer at the end of the file, none past it. */
  read(handle: Buffer, length: number, position: number, path: string): Promise<Buffer> {
    return this.call(`read ${path}`, () => this.opened.sftp.read(handle, position, length));
  }

  fstat(handle: Buffer, path: string): Promise<SftpAttributes> {
    return this.call(`stat ${path}`, () => this.opened.sftp.fstat(handle));
  }

  fchmod(handle: Buffer, mode: number, path: string): Promise<void> {
    return this.call(`chmod ${path}`, () => this.opened.sftp.fchmod(handle, mode));
  }

  stat(path: string): Promise<SftpAttributes> {
    return this.call(`stat ${path}`, () => this.opened.sftp.stat(path));
  }

  realpath(path: string): Promise<string> {
    return this.call(`resolve ${path}`, () => this.opened.sftp.realpath(path));
  }

  /** Creates a directory; an existing directory is fine, an existing file is an error. */
  async ensureDirectory(path: string, mode: number): Promise<void> {
    try {
      await this.call(`mkdir ${path}`, () => this.opened.sftp.mkdir(path, mode));
    } catch (error) {
      const existing = await this.stat(path).catch(() => undefined);
      if (fileType(existing?.mode) !== 'directory') throw error;
    }
  }

  /** The entries of a directory, sorted by name, without `.` and `..`. */
  async readdir(path: string): Promise<SftpEntry[]> {
    const list = await this.call(`list ${path}`, () => this.opened.sftp.readdir(path));
    return list
      .filter((e) => e.name !== '.' && e.name !== '..')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Ends the session; idempotent. */
  end(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.opened.sftp.end();
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.abortReason !== undefined) throw this.abortReason;
    try {
      return await run();
    } catch (error) {
      if (this.abortReason !== undefined) throw this.abortReason;
      throw this.wrap(what, error as Error);
    }
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
