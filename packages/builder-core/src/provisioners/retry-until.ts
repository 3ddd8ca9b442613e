import { abortableDelay } from './abortable-delay';

/** Options of {@link retryUntil}. */
export interface RetryUntilOptions {
  /** Keep retrying until this long after the first attempt (`start_retry_timeout`). */
  timeoutMs: number;
  signal: AbortSignal;
  /** First wait between attempts, doubled each time up to `maxDelayMs`; default 1 s. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (error: unknown) => void;
  now?: () => number;
}

/**
 * Runs `work` until it resolves, retrying failures with exponential backoff until `timeoutMs` has passed
 * (Packer's retry for starting remote commands, which rides out a reboot). Rejects with the last error,
 * or the signal's reason on abort.
 */
export async function retryUntil<T>(work: () => Promise<T>, options: RetryUntilOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const started = now();
  let delay = options.initialDelayMs ?? 1000;
  for (;;) {
    options.signal.throwIfAborted();
    try {
      return await work();
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      if (now() - started + delay > options.timeoutMs) throw error;
      options.onRetry?.(error);
      await abortableDelay(delay, options.signal);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 30_000);
    }
  }
}
