import type { SignatureAlgorithm } from '@osc-packer/osc-auth';
import { type ClientScrubber, createClientScrubber } from '../logging/client-scrubber';
import type { DebugLogger } from '../logging/debug-logger';
import { abortableSleep, type Sleep } from '../retry/abortable-sleep';
import { type RetryPolicy, resolveRetryPolicy } from '../retry/retry-policy';
import { createHttpTransport, type HttpTransport } from '../transport/http-transport';
import { defaultTimeouts, defaultUserAgent, type OapiClientOptions } from './client-options';
import { createStatsRecorder, type StatsRecorder } from './client-stats';
import { type AccessKeyPair, credentialResolver } from './credentials';
import { createRateLimiter, defaultRateLimit, type RateLimiter, unlimited } from './rate-limiter';

/** Everything one client's calls share: transport, signing inputs, limits, clock and observers. */
export interface PipelineContext {
  transport: HttpTransport;
  /** The endpoint's base URL, ending in `/`: `<base><Operation>` is what is sent and signed. */
  baseUrl: URL;
  /** `<base><Operation>`, built once per operation (read-only: the same URL serves every call). */
  urlOf(operation: string): URL;
  region: string;
  algorithm: SignatureAlgorithm;
  userAgent: string;
  credentials: (signal?: AbortSignal) => Promise<AccessKeyPair>;
  rateLimiter: RateLimiter;
  policy: RetryPolicy;
  now: () => Date;
  random: () => number;
  sleep: Sleep;
  logger: DebugLogger | undefined;
  scrubber: ClientScrubber;
  stats: StatsRecorder;
}

/**
 * The shared parts of one client, from its options with their production defaults: its own pool (or the
 * given dispatcher), signing inputs, rate limiter, retry policy, clock, scrubber and counters. Throws a
 * RangeError for an invalid retry policy or rate limit.
 */
export function createPipelineContext(options: OapiClientOptions, baseUrl: URL): PipelineContext {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? abortableSleep;
  const scrubber = createClientScrubber();
  const urls = new Map<string, URL>();
  // Checked before the pool is made, so a refused setting leaves nothing open.
  const policy = resolveRetryPolicy(options.retry);
  const rateLimiter =
    options.rateLimit === false ? unlimited : createRateLimiter(options.rateLimit ?? defaultRateLimit, { now, sleep });
  return {
    transport: createHttpTransport({
      origin: baseUrl.origin,
      timeouts: { ...defaultTimeouts, ...options.timeouts },
      tls: options.tls,
      dispatcher: options.dispatcher,
      connections: options.connections,
    }),
    baseUrl,
    urlOf(operation) {
      let url = urls.get(operation);
      if (!url) {
        url = new URL(operation, baseUrl);
        urls.set(operation, url);
      }
      return url;
    },
    region: options.region,
    algorithm: options.signatureAlgorithm ?? 'OSC4-HMAC-SHA256',
    userAgent: options.userAgent ?? defaultUserAgent,
    credentials: credentialResolver(options.credentials, scrubber),
    rateLimiter,
    policy,
    now,
    random: options.random ?? Math.random,
    sleep,
    logger: options.logger,
    scrubber,
    stats: createStatsRecorder(),
  };
}
