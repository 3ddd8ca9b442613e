import type { SshTunnel } from './ssh-communicator-options';

/**
 * Parses Packer's tunnel form `PORT:HOST:HOSTPORT` (IPv6 hosts in brackets: `8080:[::1]:80`); the listening
 * side is `localhost`. Returns the tunnel, or a message saying what is wrong.
 */
export function parseTunnel(spec: string, direction: 'local' | 'remote'): SshTunnel | string {
  const match = /^(\d+):(\[[^\]]+\]|[^:[\]]+):(\d+)$/.exec(spec.trim());
  if (match === null)
    return `must look like PORT:HOST:HOSTPORT, e.g. "8080:localhost:80" (got ${JSON.stringify(spec)})`;
  const [, listen = '', host = '', forward = ''] = match;
  const listenPort = Number(listen);
  const forwardPort = Number(forward);
  for (const value of [listenPort, forwardPort]) {
    if (value < 1 || value > 65535) return `ports must be between 1 and 65535 (got ${JSON.stringify(spec)})`;
  }
  return {
    direction,
    listenHost: 'localhost',
    listenPort,
    forwardHost: host.replace(/^\[|\]$/g, ''),
    forwardPort,
  };
}
