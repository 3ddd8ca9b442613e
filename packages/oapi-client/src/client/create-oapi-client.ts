import type { CallFn, RecoveryContext } from '../idempotency/recovery';
import { createClientScrubber } from '../logging/client-scrubber';
import { paginate, readAll } from '../pagination/paginate';
import { abortableSleep } from '../retry/abortable-sleep';
import { resolveRetryPolicy } from '../retry/retry-policy';
import { createHttpTransport } from '../transport/http-transport';
import { baseUrlOf } from './base-url';
import { defaultTimeouts, defaultUserAgent, type OapiClientOptions } from './client-options';
import { createStatsRecorder } from './client-stats';
import { credentialResolver } from './credentials';
import { executeCall } from './execute-call';
import type { OapiClient } from './oapi-client';
import type { PipelineContext } from './pipeline-context';
import { createRateLimiter, defaultRateLimit, unlimited } from './rate-limiter';

/**
 * Creates a client for one endpoint. Make one per build and share it: its rate limit and connection pool
 * are per client. Throws a TypeError or RangeError for an invalid endpoint, retry policy or rate limit.
 */
export function createOapiClient(options: OapiClientOptions): OapiClient {
  const baseUrl = baseUrlOf(options.endpoint);
  if (!options.region) throw new TypeError('createOapiClient needs a region (e.g. eu-west-2)');
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? abortableSleep;
  const scrubber = createClientScrubber();
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const stats = createStatsRecorder();
  const urls = new Map<string, URL>();
  const ctx: PipelineContext = {
    transport: createHttpTransport({
      origin: baseUrl.origin,
      timeouts,
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
    rateLimiter:
      options.rateLimit === false
        ? unlimited
        : createRateLimiter(options.rateLimit ?? defaultRateLimit, { now, sleep }),
    policy: resolveRetryPolicy(options.retry),
    now,
    random: options.random ?? Math.random,
    sleep,
    logger: options.logger,
    scrubber,
    stats,
  };
  let accountId: Promise<string | undefined> | undefined;
  const call: CallFn = (operation, input, callOptions) => {
    const recoveryContext: RecoveryContext = {
      call,
      signal: callOptions?.signal,
      accountId() {
        accountId ??= call('ReadAccounts', {}, { signal: callOptions?.signal }).then(
          (answer) => answer.Accounts?.[0]?.AccountId,
          (error: unknown) => {
            accountId = undefined;
            throw error;
          },
        );
        return accountId;
      },
    };
    return executeCall(ctx, recoveryContext, operation, input);
  };
  return {
    endpoint: baseUrl,
    region: options.region,
    call,
    paginate: (operation, input, pageOptions) => paginate(call, operation, input, pageOptions),
    readAll: (operation, input, pageOptions) => readAll(call, operation, input, pageOptions),
    get stats() {
      return stats.snapshot();
    },
    close: () => ctx.transport.close(),
  };
}
