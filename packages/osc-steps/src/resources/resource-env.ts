import type { OapiClient, WaiterOptions, WaitOptions } from '@osc-packer/oapi-client';
import { notVisibleYet, stillInUse } from '../steps/eventual-errors';
import { retryEventually } from '../steps/retry-eventually';

/** What deleting a resource needs: a client, how to poll, and how long to retry eventual consistency. */
export interface ResourceEnv {
  readonly client: OapiClient;
  readonly waiter: Partial<WaiterOptions> & Omit<WaitOptions, 'signal'>;
  readonly consistencyTimeoutMs?: number;
}

/** The waiter options of one wait in a resource env. */
export function resourceWait(env: ResourceEnv, signal: AbortSignal | undefined): WaitOptions {
  return { ...env.waiter, ...(signal ? { signal } : {}) };
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
    wait: { ...resourceWait(env, signal), timeoutMs: env.consistencyTimeoutMs ?? 120_000, notFoundGraceMs: 0 },
  });
}

/** Call options with a signal when there is one. */
export function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
