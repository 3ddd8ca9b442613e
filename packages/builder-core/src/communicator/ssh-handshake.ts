import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { retainNativeCipher } from './native-cipher-retention';
import { withPooledPadding } from './pooled-packet-padding';
import { type AuthAttempts, buildAuthHandler } from './ssh-auth-handler';
import type { SshCredentials } from './ssh-communicator-options';
import { SshError } from './ssh-error';
import type { LoadedPrivateKey } from './ssh-private-key';
import { enableCertificateAuth } from './ssh-user-certificate';
import { watchProtocolCiphers } from './watch-protocol-ciphers';

/** How to run one SSH handshake over an already open transport. */
export interface HandshakeOptions {
  credentials: SshCredentials;
  keys: readonly LoadedPrivateKey[];
  /** `host:port`, for messages. */
  address: string;
  agentSocket?: string;
  timeoutMs: number;
  keepAliveIntervalMs: number;
  ciphers?: readonly string[];
  keyExchangeAlgorithms?: readonly string[];
  hostVerifier?: (hostKey: Buffer) => boolean;
  signal?: AbortSignal;
}

/**
 * Runs the SSH handshake and authentication over `sock` and resolves with the ready ssh2 client. Rejects
 * with an SshError: `authentication` when every credential was refused, `handshake` otherwise, `config`
 * when ssh2 refuses the algorithm lists; with the signal's reason on abort (the socket is destroyed).
 */
export function sshHandshake(sock: Duplex, options: HandshakeOptions): Promise<Client> {
  const { address, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      sock.destroy();
      reject(signal.reason);
      return;
    }
    const client = new ssh2.Client();
    const attempts: AuthAttempts = { tried: [] };
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      client.off('ready', onReady).off('close', onClose);
      if (error === undefined) {
        resolve(client);
        return;
      }
      client.end();
      sock.destroy();
      reject(error);
    };
    const onAbort = () => finish(signal?.reason);
    const onReady = () => finish();
    const onClose = () =>
      finish(
        new SshError(`SSH connection to ${address} closed during the handshake`, { reason: 'handshake', address }),
      );
    client.on('error', (error: Error & { level?: string }) => {
      if (settled) return;
      finish(classify(error, options.credentials.username, address, attempts));
    });
    client.once('ready', onReady).once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      client.connect(clientConfig(sock, options, attempts));
      enableCertificateAuth(client);
      watchProtocolCiphers(client, {
        cipher: (cipher) => {
          retainNativeCipher(cipher);
          withPooledPadding(cipher);
        },
        decipher: retainNativeCipher,
      });
    } catch (error) {
      finish(new SshError(`invalid SSH settings: ${(error as Error).message}`, { reason: 'config', cause: error }));
    }
  });
}

function clientConfig(sock: Duplex, options: HandshakeOptions, attempts: AuthAttempts): ConnectConfig {
  const { credentials, agentSocket } = options;
  const algorithms: NonNullable<ConnectConfig['algorithms']> = {};
  if (options.ciphers !== undefined && options.ciphers.length > 0) {
    algorithms.cipher = [...options.ciphers] as NonNullable<typeof algorithms.cipher>;
  }
  if (options.keyExchangeAlgorithms !== undefined && options.keyExchangeAlgorithms.length > 0) {
    algorithms.kex = [...options.keyExchangeAlgorithms] as NonNullable<typeof algorithms.kex>;
  }
  const verify = options.hostVerifier;
  return {
    sock,
    username: credentials.username,
    readyTimeout: options.timeoutMs,
    keepaliveInterval: Math.max(options.keepAliveIntervalMs, 0),
    keepaliveCountMax: 3,
    algorithms,
    // The agent is given to ssh2 so it can serve forwarded agent channels; auth uses our handler.
    ...(agentSocket === undefined ? {} : { agent: agentSocket }),
    authHandler: buildAuthHandler(credentials, options.keys, agentSocket, attempts),
    hostVerifier: (key: Buffer) => (verify === undefined ? true : verify(key)),
  };
}

function classify(error: Error & { level?: string }, username: string, address: string, attempts: AuthAttempts) {
  if (error.level === 'client-authentication') {
    const tried = attempts.tried.length > 0 ? attempts.tried.join(', ') : 'no method the server offers';
    return new SshError(
      `SSH authentication failed for user "${username}" on ${address} (tried: ${tried}); check ssh_username and the credentials`,
      { reason: 'authentication', address, cause: error },
    );
  }
  if (error.level === 'client-timeout') {
    return new SshError(`SSH handshake with ${address} timed out`, { reason: 'handshake', address, cause: error });
  }
  return new SshError(`SSH handshake with ${address} failed: ${error.message}`, {
    reason: 'handshake',
    address,
    cause: error,
  });
}
