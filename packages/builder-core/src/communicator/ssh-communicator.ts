import type { Readable, Writable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator';
import { openExecChannel } from './exec-channel';
import { runRemoteCommand } from './run-remote-command';
import { scpDownloadDirectory, scpDownloadFile } from './scp/scp-download';
import type { OpenedChannel } from './scp/scp-session';
import { scpUploadDirectory, scpUploadFile } from './scp/scp-upload';
import { SftpClient } from './sftp/sftp-client';
import { sftpDownloadDirectory, sftpDownloadFile } from './sftp/sftp-download';
import { sftpHomePath } from './sftp/sftp-home-path';
import type { OpenedSftp } from './sftp/sftp-session';
import { sftpUploadDirectory, sftpUploadFile } from './sftp/sftp-upload';
import { handshakeTimeoutMs, type SshCommunicatorOptions } from './ssh-communicator-options';
import { type LoadedKeys, openSshConnection, type SshConnection } from './ssh-connection';
import { SshError } from './ssh-error';
import { startTunnels } from './ssh-tunnels';
import { toUploadSource, withKnownSize } from './transfer/upload-source';

/**
 * The SSH communicator (Packer's): commands and file transfers over one ssh2 connection. When the
 * connection drops, running commands end as `disconnected` and the next call reconnects once (a machine
 * that rebooted is reachable again). Create it with `connectSsh`.
 */
export class SshCommunicator implements Communicator {
  private connection: SshConnection;
  private reconnecting: Promise<SshConnection> | undefined;
  private closed = false;
  private forwardAgent: boolean;

  constructor(
    private readonly options: SshCommunicatorOptions,
    private readonly keys: LoadedKeys,
    connection: SshConnection,
  ) {
    this.connection = connection;
    this.forwardAgent = options.agentSocket !== undefined && options.disableAgentForwarding !== true;
  }

  /** `host:port` of the machine. */
  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  async exec(command: RemoteCommand, signal?: AbortSignal): Promise<ExitStatus> {
    const opened = await this.openChannel(command.command, signal, { pty: this.options.pty === true, agent: true });
    return runRemoteCommand(opened.channel, command, opened.connection, signal);
  }

  async upload(
    remotePath: string,
    source: Readable | Uint8Array,
    options: TransferOptions & { mode?: number; size?: number } = {},
  ): Promise<void> {
    const upload = await toUploadSource(source, options.size);
    try {
      if (this.options.fileTransferMethod === 'sftp') {
        await sftpUploadFile(this.sftpOpener(), sftpHomePath(remotePath), upload, options.mode, options);
        return;
      }
      const sized = await withKnownSize(upload, this.options.tempDir);
      try {
        await scpUploadFile(
          this.channelOpener(),
          remotePath,
          { ...sized, size: sized.size ?? 0 },
          options.mode ?? 0o644,
          options,
        );
      } finally {
        await sized.dispose();
      }
    } finally {
      await upload.dispose();
    }
  }

  async uploadDir(remoteDir: string, localDir: string, options: TransferOptions = {}): Promise<void> {
    if (this.options.fileTransferMethod === 'sftp') {
      await sftpUploadDirectory(this.sftpOpener(), sftpHomePath(remoteDir), localDir, options.exclude, options);
    } else {
      await scpUploadDirectory(this.channelOpener(), remoteDir, localDir, options.exclude, options);
    }
  }

  async download(remotePath: string, sink: Writable, options: TransferOptions = {}): Promise<void> {
    if (this.options.fileTransferMethod === 'sftp')
      await sftpDownloadFile(this.sftpOpener(), sftpHomePath(remotePath), sink, options);
    else await scpDownloadFile(this.channelOpener(), remotePath, sink, options);
  }

  async downloadDir(remoteDir: string, localDir: string, options: TransferOptions = {}): Promise<void> {
    if (this.options.fileTransferMethod === 'sftp') {
      await sftpDownloadDirectory(this.sftpOpener(), sftpHomePath(remoteDir), localDir, options.exclude, options);
    } else {
      await scpDownloadDirectory(this.channelOpener(), remoteDir, localDir, options.exclude, options);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const connection = this.connection;
    connection.close();
    await connection.closed;
  }

  /** The live connection, reconnecting (once, shared by concurrent callers) when it dropped. */
  private async live(signal?: AbortSignal): Promise<SshConnection> {
    if (this.closed) throw new SshError('the SSH communicator is closed', { reason: 'closed', address: this.address });
    if (!this.connection.isClosed()) return this.connection;
    this.reconnecting ??= this.reconnect(signal).finally(() => {
      this.reconnecting = undefined;
    });
    return this.reconnecting;
  }

  private async reconnect(signal?: AbortSignal): Promise<SshConnection> {
    this.options.log?.(`reconnecting to ${this.address}`);
    const connection = await openSshConnection(this.options, this.keys, handshakeTimeoutMs, signal);
    if (this.closed) {
      connection.close();
      throw new SshError('the SSH communicator is closed', { reason: 'closed', address: this.address });
    }
    try {
      await startTunnels(connection, this.options.tunnels ?? [], this.options.log);
    } catch (error) {
      connection.close();
      throw error;
    }
    this.connection = connection;
    return connection;
  }

  /** Opens a command channel; a connection found dead on the way is replaced once. */
  private async openChannel(command: string, signal: AbortSignal | undefined, use: { pty: boolean; agent: boolean }) {
    const { pty } = use;
    for (let attempt = 0; ; attempt++) {
      const connection = await this.live(signal);
      signal?.throwIfAborted();
      try {
        const agentForward = use.agent && this.forwardAgent;
        const channel = await openExecChannel(connection.client, connection.address, command, { pty, agentForward });
        return { channel, connection };
      } catch (error) {
        if (SshError.isInstance(error) && /agent forwarding/i.test(error.message) && this.forwardAgent) {
          this.options.log?.(`the server refused agent forwarding; continuing without it`);
          this.forwardAgent = false;
          continue;
        }
        if (SshError.isInstance(error) && error.reason === 'disconnected' && attempt === 0) continue;
        throw error;
      }
    }
  }

  private channelOpener() {
    return async (command: string, signal?: AbortSignal): Promise<OpenedChannel> => {
      const { channel, connection } = await this.openChannel(command, signal, { pty: false, agent: false });
      return { channel, address: connection.address, isConnectionClosed: () => connection.isClosed() };
    };
  }

  private sftpOpener() {
    return async (signal?: AbortSignal): Promise<OpenedSftp> => {
      for (let attempt = 0; ; attempt++) {
        const connection = await this.live(signal);
        try {
          const sftp = await openSftpChannel(connection, signal);
          return { sftp, address: connection.address, isConnectionClosed: () => connection.isClosed() };
        } catch (error) {
          if (connection.isClosed() && attempt === 0) continue;
          throw error;
        }
      }
    };
  }
}

/**
 * Starts the `sftp` subsystem and the SFTP version exchange on a new channel. An abort ends the wait at once
 * (a server that accepts the subsystem and never answers would otherwise hold the transfer forever) and
 * closes the channel, also one that opens after the caller gave up.
 */
async function openSftpChannel(connection: SshConnection, signal?: AbortSignal): Promise<SftpClient> {
  const fail = (error: Error) =>
    new SshError(`cannot start SFTP on ${connection.address}: ${error.message}`, {
      reason: connection.isClosed() ? 'disconnected' : 'remote',
      address: connection.address,
      cause: error,
    });
  signal?.throwIfAborted();
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    const onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      connection.client.subsys('sftp', (error, opened) => {
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(fail(error));
        else if (signal?.aborted) opened.close();
        else resolve(opened);
      });
    } catch (error) {
      signal?.removeEventListener('abort', onAbort);
      reject(fail(error as Error));
    }
  });
  const onAbort = () => channel.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await SftpClient.start(channel);
  } catch (error) {
    channel.close();
    if (signal?.aborted) throw signal.reason;
    throw fail(error as Error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
