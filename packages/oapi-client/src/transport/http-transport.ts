import { type Dispatcher, Pool } from 'undici';

/** Transport timeouts, in milliseconds. */
export interface TransportTimeouts {
  /** TCP connect plus TLS handshake. */
  connectMs: number;
  /** From the request being sent to the answer's headers. */
  headersMs: number;
  /** Longest silence while the answer's body arrives. */
  bodyMs: number;
}

/** Client TLS settings: server verification and an optional client certificate (mTLS, oapi-facts §2). */
export interface TlsOptions {
  /** Defaults to true; false accepts any server certificate (local endpoints with self-signed certificates). */
  rejectUnauthorized?: boolean;
  cert?: string | Buffer;
  key?: string | Buffer;
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface TransportOptions {
  origin: string;
  timeouts: TransportTimeouts;
  tls?: TlsOptions;
  /** A dispatcher to use instead of our own pool (tests pass undici's MockAgent); not closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Parallel connections of our pool. */
  connections?: number;
}

/** One POST to send. */
export interface TransportRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

/** A complete answer: status, headers and the whole body as text. */
export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends requests to one endpoint over a keep-alive pool. */
export interface HttpTransport {
  readonly origin: string;
  send(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

/**
 * An undici pool for one origin with keep-alive and connect/headers/body timeouts. Errors are undici's and
 * Node's own (see classifyNetworkError); the body is read completely, so a reset mid-body rejects here.
 */
export function createHttpTransport(options: TransportOptions): HttpTransport {
  const { origin, timeouts } = options;
  const owned = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Pool(origin, {
      connections: options.connections ?? 8,
      keepAliveTimeout: 20_000,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
      connect: { timeout: timeouts.connectMs, ...options.tls },
    });
  return {
    origin,
    async send(request) {
      const answer = await dispatcher.request({
        origin,
        path: request.path,
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      const body = await answer.body.text();
      return { status: answer.statusCode, headers: answer.headers, body };
    },
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}
