import { isIP, type Socket } from 'node:net';
import type { SshProxy } from './ssh-communicator-options';
import { SshError } from './ssh-error';
import { openTcp } from './tcp-connect';

const replies: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

/**
 * Opens a TCP connection to `host:port` through a SOCKS5 proxy (RFC 1928), with username/password
 * authentication (RFC 1929) when the proxy options carry a username. The target name is resolved by the
 * proxy. Throws an SshError (`connect`) saying which stage failed.
 */
export async function socks5Connect(
  proxy: SshProxy,
  host: string,
  port: number,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<Socket> {
  const socket = await openTcp(proxy.host, proxy.port, options);
  const proxyAddress = `${proxy.host}:${proxy.port}`;
  const fail = (message: string): never => {
    socket.destroy();
    throw new SshError(`SOCKS5 proxy ${proxyAddress}: ${message}`, { reason: 'connect', address: proxyAddress });
  };
  const reader = new SocketReader(socket);
  try {
    const withAuth = proxy.username !== undefined;
    socket.write(Buffer.from(withAuth ? [5, 2, 0, 2] : [5, 1, 0]));
    const [version, method] = await reader.read(2);
    if (version !== 5) fail('not a SOCKS5 proxy');
    if (method === 2 && withAuth) {
      const user = Buffer.from(proxy.username ?? '');
      const password = Buffer.from(proxy.password ?? '');
      socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([password.length]), password]));
      const [, status] = await reader.read(2);
      if (status !== 0) fail('the proxy refused the username or password');
    } else if (method !== 0) {
      fail(withAuth ? 'no acceptable authentication method' : 'the proxy requires authentication');
    }
    socket.write(Buffer.concat([Buffer.from([5, 1, 0]), encodeAddress(host), portBytes(port)]));
    const [, reply, , addressType] = await reader.read(4);
    if (reply !== 0) fail(`cannot reach ${host}:${port}: ${replies[reply ?? 1] ?? `reply ${reply}`}`);
    const addressLength = addressType === 1 ? 4 : addressType === 4 ? 16 : ((await reader.read(1))[0] ?? 0);
    await reader.read(addressLength + 2);
    reader.release();
    return socket;
  } catch (error) {
    socket.destroy();
    if (SshError.isInstance(error)) throw error;
    throw new SshError(`SOCKS5 proxy ${proxyAddress}: ${(error as Error).message}`, {
      reason: 'connect',
      address: proxyAddress,
      cause: error,
    });
  }
}

function encodeAddress(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return Buffer.from([1, ...host.split('.').map(Number)]);
  if (family === 6) {
    const groups = expandIpv6(host);
    const bytes = Buffer.alloc(17);
    bytes[0] = 4;
    for (const [i, group] of groups.entries()) bytes.writeUInt16BE(group, 1 + i * 2);
    return bytes;
  }
  const name = Buffer.from(host);
  if (name.length > 255) throw new Error(`host name too long for SOCKS5: ${host}`);
  return Buffer.concat([Buffer.from([3, name.length]), name]);
}

function expandIpv6(address: string): number[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const zeros = new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16));
}

function portBytes(port: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(port);
  return bytes;
}

/** Reads exact byte counts from a socket during a handshake, then gives unread bytes back. */
class SocketReader {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  private failure: Error | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.waiting?.();
  };
  private readonly onEnd = () => {
    this.failure ??= new Error('the proxy closed the connection');
    this.waiting?.();
  };
  private readonly onError = (error: Error) => {
    this.failure = error;
    this.waiting?.();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData).on('end', this.onEnd).on('close', this.onEnd).on('error', this.onError);
  }

  async read(count: number): Promise<Buffer> {
    while (this.buffered.length < count) {
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
      this.waiting = undefined;
    }
    const out = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(count);
    return out;
  }

  release(): void {
    this.socket.off('data', this.onData).off('end', this.onEnd).off('close', this.onEnd).off('error', this.onError);
    this.socket.pause();
    if (this.buffered.length > 0) this.socket.unshift(this.buffered);
  }
}
