import { describe, expect, it } from 'vitest';
import { backoffDelayMs, defaultRetryPolicy, parseRetryAfter, resolveRetryPolicy } from './retry-policy';

describe('retry policy', () => {
  it('backs off with full jitter under a doubling ceiling capped at maxDelayMs', () => {
    const top = () => 0.999_999;
    const ceilings = [1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(defaultRetryPolicy, retry, top));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15_999, 29_999, 29_999]);
    expect(backoffDelayMs(defaultRetryPolicy, 3, () => 0)).toBe(0);
  });

  it('waits at least what Retry-After asks', () => {
    expect(backoffDelayMs(defaultRetryPolicy, 1, () => 0.5, 7000)).toBe(7000);
    expect(backoffDelayMs(defaultRetryPolicy, 5, () => 0.9, 100)).toBe(14_400);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Fri, 02 Jan 2026 03:04:15 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Fri, 02 Jan 2026 03:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('rejects policies that cannot work', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts must be an integer of at least 1/);
    expect(() => resolveRetryPolicy({ maxDelayMs: -1 })).toThrow(/maxDelayMs/);
    expect(resolveRetryPolicy({ maxAttempts: 1 }).maxAttempts).toBe(1);
  });
});
