import { isNotFoundError } from '../errors/error-predicates';
import { OapiError } from '../errors/oapi-error';
import { OapiNetworkError } from '../errors/oapi-network-error';
import { abortableSleep, type Sleep } from '../retry/abortable-sleep';
import { WaiterError } from './waiter-error';
import { defaultWaiterOptions, setOptions, type WaiterOptions } from './waiter-options';

/** What one poll saw. */
export type PollResult<T> =
  | { status: 'done'; value: T }
  | { status: 'pending'; observed: string }
  | { status: 'failed'; observed: string; reason?: string }
  | { status: 'not-found' };

/** Options of one wait: polling settings plus the injected world. */
export interface WaitOptions extends Partial<WaiterOptions> {
  signal?: AbortSignal;
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
}

/** Polls until done: the description says what is awaited, e.g. `vm i-123 to be running`. */
export interface WaitForOptions extends WaitOptions {
  description: string;
}

function isTransient(error: unknown): boolean {
  return (OapiError.isInstance(error) || OapiNetworkError.isInstance(error)) && error.retryable;
}

/**
 * The generic waiter: polls, then waits a delay that starts at `minDelayMs` and doubles with jitter (uniform
 * between the minimum and the current ceiling) up to `maxDelayMs`, until the poll says done. Ends early with
 * a `WaiterError` on a failed state, on "not found" past the grace period, at the deadline (a last poll runs
 * at the deadline) or after `maxAttempts` polls; aborting rejects at once with the signal's reason. A poll
 * error that the client deems transient counts as pending; any other error ends the wait. Options given as
 * `undefined` keep their defaults.
 */
export async function waitFor<T>(
  poll: (signal?: AbortSignal) => Promise<PollResult<T>>,
  options: WaitForOptions,
): Promise<T> {
  const settings = { ...defaultWaiterOptions, ...setOptions(options) };
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const { signal, description } = options;
  const started = now().getTime();
  const elapsed = () => now().getTime() - started;
  let lastObserved: string | undefined;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    let result: PollResult<T>;
    try {
      result = await poll(signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isNotFoundError(error)) result = { status: 'not-found' };
      else if (isTransient(error))
        result = { status: 'pending', observed: lastObserved ?? 'unknown (the read failed)' };
      else throw error;
    }
    if (result.status === 'done') return result.value;
    if (result.status === 'failed') {
      const { observed, reason } = result;
      throw new WaiterError({
        kind: 'failed-state',
        description,
        elapsedMs: elapsed(),
        lastObserved: observed,
        reason,
      });
    }
    if (result.status === 'not-found') {
      if (elapsed() >= settings.notFoundGraceMs) {
        throw new WaiterError({ kind: 'not-found', description, elapsedMs: elapsed() });
      }
      lastObserved = 'not found yet';
    } else {
      lastObserved = result.observed;
    }
    if (settings.maxAttempts !== undefined && attempt >= settings.maxAttempts) {
      throw new WaiterError({ kind: 'max-attempts', description, elapsedMs: elapsed(), lastObserved });
    }
    const remaining = settings.timeoutMs - elapsed();
    if (remaining <= 0) throw new WaiterError({ kind: 'timeout', description, elapsedMs: elapsed(), lastObserved });
    const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (attempt - 1));
    const delay = settings.minDelayMs + random() * Math.max(0, ceiling - settings.minDelayMs);
    await sleep(Math.min(Math.round(delay), remaining), signal);
  }
}
