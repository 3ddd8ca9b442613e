import type { ClientChannel } from 'ssh2';
import { SshError } from '../ssh-error';
import { StreamReader } from './stream-reader';

/** A command channel plus the connection it runs on, as the communicator hands them out. */
export interface OpenedChannel {
  channel: ClientChannel;
  address: string;
  isConnectionClosed(): boolean;
}

/** Opens a channel running `command` (reconnecting first if the connection dropped). */
export type OpenCommandChannel = (command: string, signal?: AbortSignal) => Promise<OpenedChannel>;

const maxStderr = 16 * 1024;

/**
 * One run of the remote `scp` in sink (`-t`) or source (`-f`) mode: acknowledgements, backpressured
 * writes, the exit status, and errors that quote what scp said (stderr or its error record).
 */
export class ScpSession {
  readonly reader: StreamReader;
  private stderr = '';
  private exitCode: number | undefined;
  private closed = false;
  private readonly closedPromise: Promise<void>;
  private abortReason: unknown;

  private constructor(
    private readonly opened: OpenedChannel,
    private readonly signal: AbortSignal | undefined,
  ) {
    const { channel } = opened;
    this.reader = new StreamReader(channel);
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < maxStderr) this.stderr += chunk.toString('utf8');
    });
    channel.on('exit', (code: number | null) => {
      this.exitCode = code ?? undefined;
    });
    this.closedPromise = new Promise((resolve) => {
      channel.once('close', () => {
        this.closed = true;
        resolve();
      });
    });
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Starts `command` (an `scp -t`/`scp -f` invocation) on the remote machine. */
  static async start(open: OpenCommandChannel, command: string, signal?: AbortSignal): Promise<ScpSession> {
    signal?.throwIfAborted();
    return new ScpSession(await open(command, signal), signal);
  }

  /** Writes to scp's input, waiting while the channel is full; `written` runs once ssh2 has sent the data. */
  async write(data: Buffer | string, written?: () => void): Promise<void> {
    this.throwIfStopped();
    const { channel } = this.opened;
    if (channel.write(data, written === undefined ? undefined : () => written())) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => {
        channel.off('drain', onDrain).off('close', onClose);
        this.signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = () => done();
      const onClose = () => {
        void this.endedError('while data was being sent').then(done);
      };
      const onAbort = () => done(this.signal?.reason);
      channel.once('drain', onDrain).once('close', onClose);
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Sends the "ok" byte. */
  sendOk(): Promise<void> {
    return this.write(Buffer.alloc(1));
  }

  /** Reads scp's answer to the last record; throws with scp's message on an error record. */
  async readAck(): Promise<void> {
    const code = await this.read(() => this.reader.readByte());
    if (code === 0) return;
    if (code === 1 || code === 2) {
      const message = (await this.read(() => this.reader.readLine())) ?? '';
      throw new SshError(`remote scp: ${message.trim()}`, { reason: 'remote', address: this.opened.address });
    }
    if (code === undefined) throw await this.endedError('before answering');
    throw new SshError(`remote scp answered with an unexpected byte 0x${code.toString(16)}`, {
      reason: 'protocol',
      address: this.opened.address,
    });
  }

  /** Runs a read, turning an abort or a dropped connection into the right error. */
  async read<T>(reader: () => Promise<T>): Promise<T> {
    try {
      return await reader();
    } catch (error) {
      if (this.abortReason !== undefined) throw this.abortReason;
      if (this.opened.isConnectionClosed()) throw await this.endedError('');
      throw error;
    }
  }

  /** Ends scp's input and waits for it to exit; throws unless it exits with 0. */
  async finish(): Promise<void> {
    this.throwIfStopped();
    this.opened.channel.end();
    await this.closedPromise;
    this.signal?.removeEventListener('abort', this.onAbort);
    if (this.abortReason !== undefined) throw this.abortReason;
    if (this.exitCode !== 0) throw await this.endedError('');
  }

  /** Stops the remote scp after a local failure. */
  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    if (!this.closed) this.opened.channel.close();
  }

  /** The error to report when scp or the connection ended early, with what scp printed. */
  async endedError(when: string): Promise<SshError> {
    await Promise.race([this.closedPromise, new Promise((r) => setTimeout(r, 2_000).unref())]);
    const address = this.opened.address;
    if (this.opened.isConnectionClosed() && this.exitCode === undefined) {
      return new SshError(`the SSH connection to ${address} dropped during an SCP transfer`, {
        reason: 'disconnected',
        address,
      });
    }
    const said = this.stderr.trim();
    if (this.exitCode === 127 || /scp: (command )?not found/.test(said)) {
      return new SshError(
        `scp is not installed on ${address} (${said || 'exit status 127'}); install it or set ssh_file_transfer_method to "sftp"`,
        { reason: 'remote', address },
      );
    }
    const status = this.exitCode === undefined ? 'without an exit status' : `with exit status ${this.exitCode}`;
    const detail = said === '' ? '' : `: ${said}`;
    return new SshError(`remote scp ended ${when === '' ? '' : `${when} `}${status}${detail}`, {
      reason: 'remote',
      address,
    });
  }

  private readonly onAbort = () => {
    this.abortReason = this.signal?.reason;
    this.reader.fail(this.abortReason instanceof Error ? this.abortReason : new Error('aborted'));
    if (!this.closed) this.opened.channel.close();
  };

  private throwIfStopped(): void {
    if (this.abortReason !== undefined) throw this.abortReason;
  }
}
