import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type ParsedKey } from 'ssh2';
import { cloudUser } from '../storage/vm-accounts';
import { generateEd25519Key } from './ed25519-key';
import { retainNativeCiphers } from './retain-native-ciphers';
import { type SessionContext, serveSession } from './ssh-session';

export interface VmSshServerOptions {
  /** The VM's own loopback address. */
  host: string;
  /** `auto`: 22 when this process may bind it, else `preferredPort` when free, else a free high port. */
  port: number | 'auto';
  /** With `auto`, the high port to try first (the one an earlier boot of the VM had). */
  preferredPort?: number;
  /** Decides whether a new connection may reach the server (the VM's firewall); false drops it at once. */
  admit?: (client: { address: string; port: number }) => boolean;
  /** OpenSSH public key lines accepted for `outscale`. */
  authorizedKeys: readonly string[];
  /** What sessions run against (the VM); `client` and `server` are filled per connection. */
  session: Omit<SessionContext, 'client' | 'server'>;
}

// What a Debian 12 VM's sshd announces; clients only adapt to known bugs of older versions.
const ident = 'OpenSSH_9.2p1 Debian-2+deb12u3';

// ssh2 is CommonJS: Node.js gives ES modules only its default export.
const { Server, utils } = ssh2;

/** The SSH server of one VM: public key authentication for `outscale`, sessions run inside the VM. */
export class VmSshServer {
  private readonly sockets = new Set<Socket>();
  private readonly net: NetServer;
  private listeningPort = 0;

  private constructor(
    readonly host: string,
    handle: (socket: Socket) => void,
    admit: VmSshServerOptions['admit'],
  ) {
    this.net = createServer((socket) => {
      const client = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
      // The cloud's firewall drops what no rule lets in; a drop here is a close before any SSH byte.
      if (admit && !admit(client)) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
      socket.setNoDelay(true);
      handle(socket);
    });
  }

  /** The port it listens on. */
  get port(): number {
    return this.listeningPort;
  }

  /** Starts listening; with port `auto`, falls back to a high port when 22 is refused or taken. */
  static async listen(options: VmSshServerOptions): Promise<VmSshServer> {
    const keys = parseAuthorizedKeys(options.authorizedKeys);
    const ssh = new Server({ hostKeys: [generateEd25519Key().private], ident }, (client, info) => {
      retainNativeCiphers(client);
      client.on('error', () => {});
      client.on('authentication', (ctx) => {
        if (ctx.username !== cloudUser.name || ctx.method !== 'publickey') return ctx.reject(['publickey']);
        const key = keys.find((k) => sameBytes(k.getPublicSSH(), ctx.key.data));
        if (!key) return ctx.reject(['publickey']);
        if (!ctx.signature || !ctx.blob) return ctx.accept();
        return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(['publickey']);
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          serveSession(accept(), {
            ...options.session,
            client: { address: info.ip, port: info.port },
            server: { address: options.host, port: server.port },
          });
        });
      });
    });
    const server = new VmSshServer(options.host, (socket) => ssh.injectSocket(socket), options.admit);
    server.listeningPort = await listenOn(server.net, options.host, options.port, options.preferredPort);
    return server;
  }

  /** Cuts every open connection at once, as a network failure would (fault injection). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.net.close(() => resolve()));
  }
}

function listenOn(net: NetServer, host: string, port: number | 'auto', preferred?: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      net.once('error', onError);
      net.listen({ host, port: p, exclusive: true }, () => {
        net.off('error', onError);
        const address = net.address();
        resolve(typeof address === 'object' && address ? address.port : p);
      });
    });
  if (port !== 'auto') return attempt(port);
  const unavailable = (error: NodeJS.ErrnoException) => error.code === 'EACCES' || error.code === 'EADDRINUSE';
  const fallback = (error: NodeJS.ErrnoException) => {
    if (!unavailable(error)) throw error;
    return attempt(0);
  };
  return attempt(22).catch((error: NodeJS.ErrnoException) => {
    if (!unavailable(error)) throw error;
    return preferred && preferred !== 22 ? attempt(preferred).catch(fallback) : attempt(0);
  });
}

function parseAuthorizedKeys(lines: readonly string[]): ParsedKey[] {
  const keys: ParsedKey[] = [];
  for (const line of lines) {
    const parsed = utils.parseKey(line.trim());
    if (parsed instanceof Error) throw new Error(`invalid authorized key: ${parsed.message}`);
    keys.push(...(Array.isArray(parsed) ? parsed : [parsed]));
  }
  return keys;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
