import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type ParsedKey } from 'ssh2';
import { cloudUser } from '../storage/vm-accounts';
import { generateEd25519Key } from './ed25519-key';
import { type SessionContext, serveSession } from './ssh-session';

export interface VmSshServerOptions {
  /** The VM's own loopback address. */
  host: string;
  /** `auto`: 22 when this process may bind it, else a free high port. */
  port: number | 'auto';
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
  ) {
    this.net = createServer((socket) => {
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
    const server = new VmSshServer(options.host, (socket) => ssh.injectSocket(socket));
    server.listeningPort = await listenOn(server.net, options.host, options.port);
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

function listenOn(net: NetServer, host: string, port: number | 'auto'): Promise<number> {
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
  return attempt(22).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EACCES' || error.code === 'EADDRINUSE') return attempt(0);
    throw error;
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
