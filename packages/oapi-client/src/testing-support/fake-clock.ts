import type { Sleep } from '../retry/abortable-sleep';

/** A clock whose sleeps return at once and move time forward, recording each wait (for backoff tests). */
export interface FakeClock {
  now: () => Date;
  sleep: Sleep;
  /** Every delay slept, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** Starts at 2026-01-02T03:04:05Z, the time of oapi-facts' signing vectors. */
export function fakeClock(startMs = Date.UTC(2026, 0, 2, 3, 4, 5)): FakeClock {
  let time = startMs;
  const sleeps: number[] = [];
  return {
    now: () => new Date(time),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      time += ms;
      signal?.throwIfAborted();
    },
    sleeps,
    advance(ms) {
      time += ms;
    },
  };
}
