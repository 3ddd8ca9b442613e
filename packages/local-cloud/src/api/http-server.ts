import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiAnswer, ApiRequest } from './api-dispatcher';
import { BodyTooLargeError, readBody } from './read-body';

/** A plain answer of an endpoint outside the API (admin, metadata, stored manifests). */
export interface PlainAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** What the server routes to. `other` answers paths outside `/api/...`, or undefined for 404. */
export interface HttpRoutes {
  api(request: ApiRequest): Promise<ApiAnswer>;
  other(method: string, url: URL, body: Buffer): Promise<PlainAnswer | undefined>;
}

/** A listening HTTP server on loopback. */
export interface LoopbackServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

// UserData may be 500 KiB of base64; leave room for the rest of a CreateVms body.
const maxBodyBytes = 2 * 1024 * 1024;
// `/api/v1/<Operation>`; `/api/latest/<Operation>` is what osc-cli still calls.
const apiPath = /^\/api\/(?:v1|latest)\/([A-Za-z0-9]+)\/?$/;

function send(response: ServerResponse, answer: PlainAnswer): void {
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
  });
  response.end(answer.body);
}

async function handle(routes: HttpRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://local-cloud.invalid');
  const body = await readBody(request, maxBodyBytes);
  const match = apiPath.exec(url.pathname);
  if (match?.[1]) {
    const answer = await routes.api({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      operation: match[1],
      headers: request.headers,
      body,
    });
    // A dropped connection: the client sees a socket error, the way a network fault or crash looks.
    if (answer.reset) request.socket.destroy();
    else send(response, answer);
    return;
  }
  const answer = await routes.other(request.method ?? 'GET', url, body);
  send(response, answer ?? { status: 404, contentType: 'text/plain', body: 'Not Found\n' });
}

/** Starts an HTTP server on `host:port` (port 0 picks a free one). */
export async function startHttpServer(host: string, port: number, routes: HttpRoutes): Promise<LoopbackServer> {
  const server: Server = createServer((request, response) => {
    handle(routes, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const tooLarge = error instanceof BodyTooLargeError;
      send(response, {
        status: tooLarge ? 413 : 500,
        contentType: 'text/plain',
        body: tooLarge ? 'Request Entity Too Large\n' : 'Internal Server Error\n',
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
