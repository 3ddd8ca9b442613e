import type { OapiClient, WaiterOptions, WaitOptions } from '@osc-packer/oapi-client';
import { notVisibleYet, stillInUse } from '../steps/eventual-errors';
import { retryEventually } from '../steps/retry-eventually';

/** What deleting a resource needs: a client, how to poll, and how long to retry eventual consistency. */
export interface ResourceEnv {
  /** The client every call goes through (a build's only one: one rate limit and connection pool). */
  readonly client: OapiClient;
  /** Polling of the named waiters (delays, deadlines); `signal` is added per call. */
  readonly waiter: Partial<WaiterOptions> & Omit<WaitOptions, 'signal'>;
  /** How long a call refused for eventual consistency is retried (tags, deletes, links). Default 2 minutes. */
  readonly consistencyTimeoutMs?: number;
}

/** The waiter options of one wait (VM, image...), with its signal. */
export function waitOptions(env: ResourceEnv, signal: AbortSignal | undefined): WaitOptions {
  return { ...env.waiter, ...(signal ? { signal } : {}) };
}

/** The options of a retry for eventual consistency, bounded by `consistencyTimeoutMs` (default 2 minutes). */
export function consistencyWait(env: ResourceEnv, signal: AbortSignal | undefined): WaitOptions {
  return { ...waitOptions(env, signal), timeoutMs: env.consistencyTimeoutMs ?? 120_000, notFoundGraceMs: 0 };
}

/** Retries `call` while the resource is still in use or not visible yet, bounded by `consistencyTimeoutMs`. */
export function retryWhileBusy<T>(
  env: ResourceEnv,
  description: string,
  call: (signal?: AbortSignal) => Promise<T>,
  signal: AbortSignal | undefined,
  options: { notFoundRetries?: boolean } = {},
): Promise<T> {
  return retryEventually(description, call, {
    retryOn: (error) => stillInUse(error) ?? (options.notFoundRetries ? notVisibleYet(error) : undefined),
    wait: consistencyWait(env, signal),
  });
}

/** Call options with a signal when there is one. */
export function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
