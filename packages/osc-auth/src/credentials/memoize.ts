import type { CredentialProvider, OscCredentials } from './osc-credentials';

/**
 * Calls the provider once and hands every later caller the same credentials (Outscale access keys do not
 * expire, so there is nothing to refresh). Concurrent first calls share one lookup. A failed lookup is not
 * cached: the next call tries again. Each caller's own signal can abandon its wait.
 */
export function memoize(provider: CredentialProvider): CredentialProvider {
  let cached: Promise<OscCredentials> | undefined;
  return (options) => {
    if (cached === undefined) {
      const attempt = provider(options);
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return withSignal(cached, options?.signal);
  };
}

function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
