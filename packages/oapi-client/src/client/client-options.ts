import type { SignatureAlgorithm } from '@osc-packer/osc-auth';
import type { Dispatcher } from 'undici';
import type { DebugLogger } from '../logging/debug-logger';
import type { Sleep } from '../retry/abortable-sleep';
import type { RetryPolicy } from '../retry/retry-policy';
import type { TlsOptions, TransportTimeouts } from '../transport/http-transport';
import type { CredentialSource } from './credentials';
import type { RateLimit } from './rate-limiter';

/** Options of `createOapiClient`; everything but endpoint, region and credentials has a production default. */
export interface OapiClientOptions {
  /** The API base URL, e.g. `https://api.eu-west-2.outscale.com/api/v1/` (a bare origin gets `/api/v1/`). */
  endpoint: URL | string;
  /** The region the keys sign for, e.g. `eu-west-2`. */
  region: string;
  /** Static keys, or a provider (e.g. osc-auth's chain) asked before every attempt. */
  credentials: CredentialSource;
  /** Defaults to `OSC4-HMAC-SHA256`, as Outscale's SDKs sign. */
  signatureAlgorithm?: SignatureAlgorithm;
  /** Server verification and client certificate (mTLS); ignored when `dispatcher` is given. */
  tls?: TlsOptions;
  /** A dispatcher to send through instead of the client's own pool (tests: undici's MockAgent). */
  dispatcher?: Dispatcher;
  /** Overrides of `defaultRetryPolicy`. */
  retry?: Partial<RetryPolicy>;
  /** Client-side limit shared by all calls of this client; defaults to 5 requests/s, burst 5; false disables. */
  rateLimit?: RateLimit | false;
  /** Overrides of the transport timeouts (connect 10 s, headers 60 s, body 60 s). */
  timeouts?: Partial<TransportTimeouts>;
  /** Receives one debug line per attempt, secrets redacted. */
  logger?: DebugLogger;
  /** Sent as `User-Agent`. */
  userAgent?: string;
  /** The clock used to sign and to time backoff; defaults to the system clock. */
  now?: () => Date;
  /** The randomness of backoff jitter, in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** How the client waits (backoff, rate limit); tests inject one that does not really wait. */
  sleep?: Sleep;
  /** Parallel connections of the client's own pool; defaults to 8. */
  connections?: number;
}

/** Transport timeouts when none are given: generous, since CreateImage and big reads can take a while. */
export const defaultTimeouts: Readonly<TransportTimeouts> = Object.freeze({
  connectMs: 10_000,
  headersMs: 60_000,
  bodyMs: 60_000,
});

/** The default `User-Agent`. */
export const defaultUserAgent = `osc-packer-oapi-client (node ${process.versions.node})`;
