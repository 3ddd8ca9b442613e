/** How a logical call is retried after throttling and transient failures. */
export interface RetryPolicy {
  /** Attempts in total, the first one included (1 disables retries). */
  maxAttempts: number;
  /** The backoff ceiling of the first retry; it doubles with every further retry. */
  baseDelayMs: number;
  /** The largest backoff ceiling (full jitter picks a delay in [0, ceiling]). */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the call began (attempts and waits included). */
  maxElapsedMs: number;
  /** A `Retry-After` longer than this ends the retries instead of waiting that long. */
  maxRetryAfterMs: number;
}

/**
 * Outscale's own guidance (retry 429/5xx with exponential backoff and jitter, cap 30 s) with go-retryablehttp's
 * attempt count (the Packer plugin's client): 5 attempts, 1 s doubling to at most 30 s, 3 minutes in all.
 */
export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxElapsedMs: 180_000,
  maxRetryAfterMs: 60_000,
});

/** Fills a partial policy from the defaults and rejects values that would loop forever or never run. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...partial };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer of at least 1, got ${policy.maxAttempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxElapsedMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) {
      throw new RangeError(`retry.${key} must be a finite number of milliseconds >= 0, got ${policy[key]}`);
    }
  }
  return policy;
}

/**
 * Full-jitter exponential backoff (the delay before retry number `retry`, counting from 1): uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))]. A `Retry-After` from the API is a floor.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  retry: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}

/** Reads a `Retry-After` header (delay-seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
