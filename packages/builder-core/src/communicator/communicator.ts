import type { Readable, Writable } from 'node:stream';

/** A command to run on the remote machine through its login shell. */
export interface RemoteCommand {
  command: string;
  /** Bytes fed to the command's standard input, which is then closed. */
  stdin?: Readable | Uint8Array | string;
  /** Where standard output goes, as it arrives. */
  stdout?: Writable;
  /** Where standard error goes, as it arrives. */
  stderr?: Writable;
}

/** How a remote command ended. `disconnected`: the connection dropped before an exit status arrived. */
export type ExitStatus =
  | { kind: 'exited'; code: number }
  | { kind: 'signal'; signal: string }
  | { kind: 'disconnected'; reason: string };

/** Options shared by transfers. */
export interface TransferOptions {
  signal?: AbortSignal;
  /** Shell-style glob patterns, relative to the directory being copied, to leave out. */
  exclude?: readonly string[];
  /** Called as bytes move: bytes done so far, and the total when known (for a progress bar). */
  onProgress?: (done: number, total: number | undefined) => void;
}

/**
 * A connection to the machine being provisioned (Packer's packer.Communicator). Transfers follow Packer's
 * file provisioner semantics: a source directory ending in `/` copies its contents, otherwise the directory
 * itself. Every method rejects on abort; `close` is idempotent.
 */
export interface Communicator {
  exec(command: RemoteCommand, signal?: AbortSignal): Promise<ExitStatus>;
  upload(
    remotePath: string,
    source: Readable | Uint8Array,
    options?: TransferOptions & { mode?: number; size?: number },
  ): Promise<void>;
  uploadDir(remoteDir: string, localDir: string, options?: TransferOptions): Promise<void>;
  download(remotePath: string, sink: Writable, options?: TransferOptions): Promise<void>;
  downloadDir(remoteDir: string, localDir: string, options?: TransferOptions): Promise<void>;
  close(): Promise<void>;
}
