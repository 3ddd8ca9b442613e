/** Waits `ms` milliseconds; rejects with the signal's reason at once when it aborts (before or during). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The production `Sleep`: a timer that an abort clears immediately. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
