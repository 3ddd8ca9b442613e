import type { CallFn, RecoveryContext } from '../idempotency/recovery';
import { paginate, readAll } from '../pagination/paginate';
import { baseUrlOf } from './base-url';
import type { OapiClientOptions } from './client-options';
import { executeCall } from './execute-call';
import type { OapiClient } from './oapi-client';
import { createPipelineContext } from './pipeline-context';

/**
 * Creates a client for one endpoint. Make one per build and share it: its rate limit and connection pool
 * are per client. Throws a TypeError or RangeError for an invalid endpoint, retry policy or rate limit.
 */
export function createOapiClient(options: OapiClientOptions): OapiClient {
  const baseUrl = baseUrlOf(options.endpoint);
  if (!options.region) throw new TypeError('createOapiClient needs a region (e.g. eu-west-2)');
  const ctx = createPipelineContext(options, baseUrl);
  let accountId: Promise<string | undefined> | undefined;
  const call: CallFn = (operation, input, callOptions) => {
    const recoveryContext: RecoveryContext = {
      call,
      signal: callOptions?.signal,
      accountId() {
        accountId ??= call('ReadAccounts', {}, { signal: callOptions?.signal }).then(
          (answer) => answer.Accounts?.[0]?.AccountId,
          (error: unknown) => {
            accountId = undefined;
            throw error;
          },
        );
        return accountId;
      },
    };
    return executeCall(ctx, recoveryContext, operation, input);
  };
  return {
    endpoint: baseUrl,
    region: options.region,
    call,
    paginate: (operation, input, pageOptions) => paginate(call, operation, input, pageOptions),
    readAll: (operation, input, pageOptions) => readAll(call, operation, input, pageOptions),
    get stats() {
      return ctx.stats.snapshot();
    },
    close: () => ctx.transport.close(),
  };
}
