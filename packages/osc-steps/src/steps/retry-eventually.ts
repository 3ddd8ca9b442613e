import { WaiterError, type WaitOptions, waitFor } from '@osc-packer/oapi-client';

/** Options of {@link retryEventually}. */
export interface RetryEventuallyOptions {
  /** Why an error is worth another try (a short text shown if the retries run out), or undefined to fail now. */
  retryOn: (error: unknown) => string | undefined;
  /** Polling settings; `timeoutMs` bounds the retries. */
  wait: WaitOptions;
}

/**
 * Calls `call` until it succeeds, retrying with the waiter's backoff while `retryOn` says the failure is one of
 * eventual consistency (a resource not visible yet right after its creation, a group still used by a VM
 * that is terminating), up to `wait.timeoutMs`. The client already retried throttling and 5xx; this retries
 * what the API answered definitively but will answer differently soon. Rethrows the last error, with how
 * long it was retried, when the time runs out; any other error at once.
 */
export async function retryEventually<T>(
  description: string,
  call: (signal?: AbortSignal) => Promise<T>,
  options: RetryEventuallyOptions,
): Promise<T> {
  let last: unknown;
  let fatal: { error: unknown } | undefined;
  try {
    return await waitFor(
      async (signal) => {
        try {
          return { status: 'done', value: await call(signal) };
        } catch (error) {
          const reason = options.retryOn(error);
          const signal = options.wait.signal;
          if (reason === undefined || signal?.aborted) {
            // Thrown as is, waitFor would read a "not found" as a resource to wait for: pass it through untouched.
            fatal = { error: signal?.aborted ? signal.reason : error };
            throw new Error('not retried');
          }
          last = error;
          return { status: 'pending', observed: reason };
        }
      },
      { ...options.wait, description },
    );
  } catch (error) {
    if (fatal) throw fatal.error;
    if (!WaiterError.isInstance(error) || last === undefined) throw error;
    const message = last instanceof Error ? last.message : String(last);
    throw new Error(
      `${description}: ${message} (still failing after ${Math.round(error.elapsedMs / 1000)}s of retries)`,
      {
        cause: last,
      },
    );
  }
}
