import { createOapiClient, type OapiClient, type OapiClientOptions, type WaitOptions } from '@osc-packer/oapi-client';
import type { LocalCloud } from '../local-cloud';
import { must } from './typed-call';

/** The real oapi-client for one account of a local cloud, without rate limit and with quick retries. */
export function clientFor(cloud: LocalCloud, account = 0, options: Partial<OapiClientOptions> = {}): OapiClient {
  const { accessKey, secretKey } = must(cloud.accounts[account], `account #${account}`);
  return createOapiClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKey, secretKey },
    rateLimit: false,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

/** Waiter options for tests: quick polls, a deadline that fails a test instead of hanging it. */
export const quickWaits: WaitOptions = { minDelayMs: 10, maxDelayMs: 100, timeoutMs: 60_000 };
