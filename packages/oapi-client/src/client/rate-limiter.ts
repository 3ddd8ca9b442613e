import type { Sleep } from '../retry/abortable-sleep';

/** Client-side request rate: a steady rate with a small burst. */
export interface RateLimit {
  requestsPerSecond: number;
  /** Requests that may go at once after a quiet period; defaults to `requestsPerSecond` rounded up. */
  burst?: number;
}

/** Outscale's SDKs limit each client to 5 requests per second (oapi-facts §4.3). */
export const defaultRateLimit: Readonly<Required<RateLimit>> = Object.freeze({ requestsPerSecond: 5, burst: 5 });

/** Hands out permission to send, shared by every call of one client. */
export interface RateLimiter {
  /** Resolves when a request may be sent; rejects at once with the signal's reason when it aborts. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/** A limiter that never waits (`rateLimit: false`). */
export const unlimited: RateLimiter = { acquire: async (signal) => signal?.throwIfAborted() };

/**
 * A token bucket in its GCRA form: each request books the next free slot on a virtual schedule, so waiters
 * are served in arrival order without a queue. A booking abandoned by an abort is given back.
 */
export function createRateLimiter(limit: RateLimit, clock: { now: () => Date; sleep: Sleep }): RateLimiter {
  const { requestsPerSecond } = limit;
  if (!(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) {
    throw new RangeError(`rateLimit.requestsPerSecond must be a positive number, got ${requestsPerSecond}`);
  }
  const burst = limit.burst ?? Math.ceil(requestsPerSecond);
  if (!Number.isInteger(burst) || burst < 1) {
    throw new RangeError(`rateLimit.burst must be an integer of at least 1, got ${burst}`);
  }
  const interval = 1000 / requestsPerSecond;
  const tolerance = interval * (burst - 1);
  // The theoretical arrival time of the next request: once it is more than `tolerance` ahead of now, wait.
  let nextSlot = Number.NEGATIVE_INFINITY;
  return {
    async acquire(signal) {
      signal?.throwIfAborted();
      const now = clock.now().getTime();
      const slot = Math.max(nextSlot, now);
      nextSlot = slot + interval;
      const wait = slot - tolerance - now;
      if (wait <= 0) return;
      try {
        await clock.sleep(wait, signal);
      } catch (error) {
        nextSlot -= interval;
        throw error;
      }
    },
  };
}
