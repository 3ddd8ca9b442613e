import { vi } from 'vitest';

/**
 * Waits, polling every 10 ms, until `condition` holds; fails after `timeoutMs`, generous because CI runs the
 * suite on loaded machines (what is awaited usually takes milliseconds). For this package's own tests.
 */
export async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error(`condition not met within ${timeoutMs} ms`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}
