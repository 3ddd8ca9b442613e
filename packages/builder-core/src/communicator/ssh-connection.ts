import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { batchSocketWrites } from './batch-socket-writes';
import { socks5Connect } from './socks5-connect';
import {
  defaultKeepAliveIntervalMs,
  handshakeTimeoutMs,
  type SshCommunicatorOptions,
  type SshEndpoint,
} from './ssh-communicator-options';
import { SshError } from './ssh-error';
import { sshHandshake } from './ssh-handshake';
import type { LoadedPrivateKey } from './ssh-private-key';
import { openTcp } from './tcp-connect';

/** Private keys loaded once per connect, for the target and for the bastion. */
export interface LoadedKeys {
  target: readonly LoadedPrivateKey[];
  bastion: readonly LoadedPrivateKey[];
}

/** One live SSH connection (and its bastion connection, if any); `closed` resolves with why it ended. */
export interface SshConnection {
  readonly client: Client;
  readonly address: string;
  readonly closed: Promise<string>;
  isClosed(): boolean;
  /** Ends the connection (and the bastion's); idempotent. */
  close(): void;
}

/**
 * Makes one connection attempt: TCP directly, through the SOCKS5 proxy or through the bastion, then the
 * handshake. Rejects with an SshError (see sshHandshake) or the signal's reason.
 */
export async function openSshConnection(
  options: SshCommunicatorOptions,
  keys: LoadedKeys,
  attemptTimeoutMs: number,
  signal?: AbortSignal,
): Promise<SshConnection> {
  const address = `${options.host}:${options.port}`;
  const timeoutMs = Math.min(attemptTimeoutMs, handshakeTimeoutMs);
  let bastion: Client | undefined;
  let sock: Duplex;
  if (options.bastion !== undefined) {
    bastion = await connectEndpoint(options.bastion, keys.bastion, options, timeoutMs, signal);
    sock = await forwardThrough(bastion, options.host, options.port, address, signal);
  } else if (options.proxy !== undefined) {
    sock = await socks5Connect(options.proxy, options.host, options.port, { timeoutMs, signal });
  } else {
    sock = await openTcp(options.host, options.port, { timeoutMs, signal });
  }
  try {
    const client = await sshHandshake(sock, {
      credentials: options,
      keys: keys.target,
      address,
      agentSocket: options.agentSocket,
      timeoutMs,
      keepAliveIntervalMs: options.keepAliveIntervalMs ?? defaultKeepAliveIntervalMs,
      ciphers: options.ciphers,
      keyExchangeAlgorithms: options.keyExchangeAlgorithms,
      hostVerifier: options.hostVerifier,
      signal,
    });
    // After the handshake: a 'data' listener added earlier would start the flow before ssh2 listens.
    if (sock instanceof Socket) batchSocketWrites(sock);
    return trackConnection(client, sock, bastion, address, options.readWriteTimeoutMs ?? 0);
  } catch (error) {
    bastion?.end();
    throw error;
  }
}

async function connectEndpoint(
  endpoint: SshEndpoint,
  keys: readonly LoadedPrivateKey[],
  options: SshCommunicatorOptions,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Client> {
  const address = `${endpoint.host}:${endpoint.port}`;
  const sock = await openTcp(endpoint.host, endpoint.port, { timeoutMs, signal });
  const client = await sshHandshake(sock, {
    credentials: endpoint,
    keys,
    address: `bastion ${address}`,
    agentSocket: options.agentSocket,
    timeoutMs,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? defaultKeepAliveIntervalMs,
    hostVerifier: options.hostVerifier,
    signal,
  });
  client.on('error', () => {});
  return client;
}

/** Opens a channel from the bastion to the target; an abort ends the bastion connection and the wait. */
function forwardThrough(
  bastion: Client,
  host: string,
  port: number,
  address: string,
  signal: AbortSignal | undefined,
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      bastion.end();
      reject(signal?.reason);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    bastion.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return;
      if (error) {
        bastion.end();
        reject(
          new SshError(`the bastion cannot reach ${address}: ${error.message}`, {
            reason: 'connect',
            address,
            cause: error,
          }),
        );
        return;
      }
      resolve(channel);
    });
  });
}

function trackConnection(
  client: Client,
  sock: Duplex,
  bastion: Client | undefined,
  address: string,
  idleTimeoutMs: number,
): SshConnection {
  let closed = false;
  let reason = 'the connection closed';
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    if (idleTimeoutMs <= 0 || closed) return;
    clearTimeout(idle);
    idle = setTimeout(() => {
      reason = `no data from ${address} for ${idleTimeoutMs} ms (ssh_read_write_timeout)`;
      sock.destroy();
    }, idleTimeoutMs);
  };
  const closedPromise = new Promise<string>((resolve) => {
    client.on('error', (error: Error) => {
      reason = error.message;
    });
    client.once('close', () => {
      closed = true;
      clearTimeout(idle);
      bastion?.end();
      resolve(reason);
    });
  });
  if (idleTimeoutMs > 0) {
    sock.on('data', armIdle);
    armIdle();
  }
  return {
    client,
    address,
    closed: closedPromise,
    isClosed: () => closed,
    close: () => {
      if (closed) return;
      reason = 'closed by osc-packer';
      client.end();
      // A peer that stopped answering never completes the graceful close.
      setTimeout(() => sock.destroy(), 1_000).unref();
    },
  };
}
