import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake metadata service behaves. */
export type MetadataBehaviour =
  | { zone: string }
  | { status: number }
  | { body: string }
  /** Accepts the connection and never answers. */
  | { hang: true };

/** A real HTTP server on loopback standing in for http://169.254.169.254. */
export interface MetadataServer {
  baseUrl: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function startMetadataServer(behaviour: MetadataBehaviour): Promise<MetadataServer> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? '');
    if ('hang' in behaviour) return;
    if ('status' in behaviour) {
      response.writeHead(behaviour.status).end('nope');
    } else if ('body' in behaviour) {
      response.end(behaviour.body);
    } else if (request.url === '/latest/meta-data/placement/availability-zone') {
      response.end(behaviour.zone);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/latest/meta-data/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
