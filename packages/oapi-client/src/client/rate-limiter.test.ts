import { describe, expect, it } from 'vitest';
import { fakeClock } from '../testing-support/fake-clock';
import { createRateLimiter } from './rate-limiter';

describe('createRateLimiter', () => {
  it('lets a burst through, then spaces requests at the steady rate', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 5, burst: 3 }, clock);
    const sent: number[] = [];
    const start = clock.now().getTime();
    for (let i = 0; i < 6; i++) {
      await limiter.acquire();
      sent.push(clock.now().getTime() - start);
    }
    expect(sent).toEqual([0, 0, 0, 200, 400, 600]);
  });

  it('refills while idle, up to the burst', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 2 }, clock);
    await limiter.acquire();
    await limiter.acquire();
    clock.advance(10_000);
    const before = clock.sleeps.length;
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.sleeps.length).toBe(before);
    await limiter.acquire();
    expect(clock.sleeps.at(-1)).toBe(500);
  });

  it('gives the slot of an aborted wait back', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const sleep: typeof clock.sleep = async (ms, signal) => {
      if (signal) controller.abort(new Error('cancelled mid-wait'));
      return clock.sleep(ms, signal);
    };
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1 }, { now: clock.now, sleep });
    await limiter.acquire();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('cancelled mid-wait');
    await limiter.acquire();
    // The next caller gets the slot one second out, not two.
    expect(clock.sleeps).toEqual([1000]);
  });

  it('serves concurrent callers in arrival order', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 1 }, clock);
    const start = clock.now().getTime();
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map(async (i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now().getTime() - start).toBe(300);
  });

  it('rejects a rate that is not positive', () => {
    const clock = fakeClock();
    expect(() => createRateLimiter({ requestsPerSecond: 0 }, clock)).toThrow(/requestsPerSecond must be a positive/);
    expect(() => createRateLimiter({ requestsPerSecond: 5, burst: 0 }, clock)).toThrow(/burst must be an integer/);
  });
});
