import { createServer, type Socket } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ServerChannel } from 'ssh2';
import { retainNativeCipher } from '../communicator/native-cipher-retention';
import { watchProtocolCiphers } from '../communicator/watch-protocol-ciphers';
import { generateTestKey, type TestKeyPair } from './generate-test-key';
import { runTestCommand, startSftpServer } from './test-server-session';

/** A command the test server was asked to run, with the channel to answer on. */
export interface TestExec {
  command: string;
  channel: ServerChannel;
  /** True when the client asked for a PTY on this session. */
  pty: boolean;
}

/** How the ssh2 test server behaves; every fault is off by default. */
export interface Ssh2TestServerOptions {
  /** The only user accepted (default `packer`). */
  username?: string;
  /** Accept this password (`password` auth). */
  password?: string;
  /** Accept keyboard-interactive auth when the answers to `prompts` equal `answers`. */
  keyboardInteractive?: { prompts: readonly string[]; answers: readonly string[] };
  /** Extra authorized public keys (a fresh `clientKey` is always authorized). */
  authorizedKeys?: readonly string[];
  /** Refuse authentication on the first N connections, whatever the credentials. */
  refuseAuthConnections?: number;
  /** Wait this long after accepting TCP before speaking SSH (a slow banner). */
  bannerDelayMs?: number;
  /** Runs commands; the default runs them with `/bin/sh -c` in `cwd` and reports the exit status. */
  exec?: (exec: TestExec) => void;
  /** Working directory of the default command runner and of the SFTP server (where relative paths go). */
  cwd?: string;
  /** Serve SFTP with this sftp-server binary (default: Debian's, when present). */
  sftpServerPath?: string;
}

/** A running ssh2 server on 127.0.0.1 with fault injection. */
export interface Ssh2TestServer {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly clientKey: TestKeyPair;
  /** Commands received, in order. */
  readonly commands: string[];
  /** TCP connections accepted so far, and authentication attempts seen. */
  stats(): { connections: number; authAttempts: number; authMethods: string[] };
  /** Drops every open connection at once (as a reboot would). */
  dropConnections(): void;
  /** Stops reading from every open connection without closing it (a peer that hangs, a cut network). */
  freezeConnections(): void;
  stop(): Promise<void>;
}

/** Starts an ssh2 server for fault scenarios: refused auth, slow banners, dropped connections. */
export async function startSsh2TestServer(options: Ssh2TestServerOptions = {}): Promise<Ssh2TestServer> {
  const username = options.username ?? 'packer';
  const clientKey = generateTestKey('ed25519');
  const allowedKeys = [clientKey.publicKey, ...(options.authorizedKeys ?? [])].map(parsePublic);
  const hostKey = generateTestKey('ed25519').privateKey;
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const counters = { connections: 0, authAttempts: 0, authMethods: [] as string[] };
  const offered: ('publickey' | 'password' | 'keyboard-interactive')[] = ['publickey'];
  if (options.password !== undefined) offered.push('password');
  if (options.keyboardInteractive !== undefined) offered.push('keyboard-interactive');
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client: Connection) => {
    // The server's side of a connection runs in the test process too (see native-cipher-retention.ts).
    watchProtocolCiphers(client, { cipher: retainNativeCipher, decipher: retainNativeCipher });
    const refuse = counters.connections <= (options.refuseAuthConnections ?? 0);
    client.on('authentication', (ctx: AuthContext) => {
      counters.authAttempts += 1;
      counters.authMethods.push(ctx.method);
      if (refuse || ctx.username !== username) {
        ctx.reject(offered);
        return;
      }
      authenticate(ctx, options, allowedKeys, offered);
    });
    client.on('ready', () => serveSessions(client, options, commands));
    client.on('error', () => {});
  });
  const tcp = createServer((socket) => {
    counters.connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const inject = () => {
      if (!socket.destroyed) server.injectSocket(socket);
    };
    if ((options.bannerDelayMs ?? 0) > 0) setTimeout(inject, options.bannerDelayMs);
    else inject();
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const address = tcp.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    username,
    clientKey,
    commands,
    stats: () => ({ ...counters, authMethods: [...counters.authMethods] }),
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    freezeConnections: () => {
      for (const socket of sockets) socket.pause();
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

function authenticate(
  ctx: AuthContext,
  options: Ssh2TestServerOptions,
  allowedKeys: ParsedPublic[],
  offered: ('publickey' | 'password' | 'keyboard-interactive')[],
): void {
  const reject = () => ctx.reject(offered);
  if (ctx.method === 'password' && options.password !== undefined && ctx.password === options.password) {
    ctx.accept();
    return;
  }
  if (ctx.method === 'publickey') {
    const key = allowedKeys.find((k) => k.type === ctx.key.algo && k.blob.equals(ctx.key.data));
    if (key === undefined) {
      reject();
      return;
    }
    if (ctx.signature === undefined || ctx.blob === undefined) {
      ctx.accept();
      return;
    }
    if (key.parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) ctx.accept();
    else reject();
    return;
  }
  const kbd = options.keyboardInteractive;
  if (ctx.method === 'keyboard-interactive' && kbd !== undefined) {
    ctx.prompt(
      kbd.prompts.map((prompt) => ({ prompt, echo: false })),
      (answers) => (answers.join('\n') === kbd.answers.join('\n') ? ctx.accept() : reject()),
    );
    return;
  }
  reject();
}

function serveSessions(client: Connection, options: Ssh2TestServerOptions, commands: string[]): void {
  client.on('session', (accept) => {
    const session = accept();
    let pty = false;
    session.on('pty', (accept) => {
      pty = true;
      accept?.();
    });
    session.on('env', (accept) => accept?.());
    session.on('auth-agent', (accept) => accept?.());
    session.on('exec', (accept, _reject, info) => {
      commands.push(info.command);
      const channel = accept();
      if (options.exec !== undefined) options.exec({ command: info.command, channel, pty });
      else runTestCommand(info.command, channel, options.cwd);
    });
    // Without an 'sftp' listener ssh2 hands the subsystem over as a raw channel, which sftp-server speaks on.
    session.on('subsystem', (accept, reject, info) => {
      if (info.name !== 'sftp' || !startSftpServer(accept, options.sftpServerPath, options.cwd)) reject();
    });
  });
}

interface ParsedPublic {
  type: string;
  blob: Buffer;
  parsed: import('ssh2').ParsedKey;
}

function parsePublic(line: string): ParsedPublic {
  const parsed = ssh2.utils.parseKey(line);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined || key instanceof Error) throw new Error(`not a public key: ${line.slice(0, 40)}`);
  return { type: key.type, blob: key.getPublicSSH(), parsed: key };
}
