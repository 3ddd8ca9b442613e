import { randomUUID } from 'node:crypto';
import { isAlreadyExistsError } from '../errors/error-predicates';
import { OapiAmbiguousResultError } from '../errors/oapi-ambiguous-result-error';
import { OapiError } from '../errors/oapi-error';
import { OapiNetworkError } from '../errors/oapi-network-error';
import type { OperationName } from '../generated/oapi-types';
import type { Recovery, RecoveryContext } from '../idempotency/recovery';
import { recoveryFor } from '../idempotency/recovery-for';
import { backoffDelayMs } from '../retry/retry-policy';
import type { RequestOf, ResponseOf } from './oapi-client';
import type { PipelineContext } from './pipeline-context';
import { sendAttempt } from './send-attempt';

interface FailureFacts {
  retryable: boolean;
  ambiguous: boolean;
  throttling: boolean;
  retryAfterMs: number | undefined;
}

function factsOf(error: unknown): FailureFacts {
  if (OapiError.isInstance(error)) return error;
  if (OapiNetworkError.isInstance(error)) return { ...error, throttling: false, retryAfterMs: undefined };
  // Our own bugs and credential-provider failures are not the network's: do not retry, never guess.
  return { retryable: false, ambiguous: false, throttling: false, retryAfterMs: undefined };
}

// After an ambiguous failure, "already exists" on the retry means the lost attempt did create the resource,
// but reads may not show it yet (eventual consistency): look again after a backoff instead of failing, and
// never create a twin (names are unique on the write path).
const notVisibleYet: FailureFacts = { retryable: true, ambiguous: true, throttling: false, retryAfterMs: undefined };

function withClientToken<Op extends OperationName>(recovery: Recovery<Op>, input: RequestOf<Op>): RequestOf<Op> {
  if (recovery.kind !== 'client-token') return input;
  const token = (input as { ClientToken?: unknown }).ClientToken;
  if (typeof token === 'string' && token !== '') return input;
  // One token per logical call, reused by every attempt: the API then creates at most once.
  return { ...input, ClientToken: randomUUID() };
}

/**
 * Runs one logical call: attempts with full-jitter backoff while failures are retryable, within the policy's
 * attempt and time bounds, applying the operation's recovery after an ambiguous failure. Throws the last
 * attempt's error (whose message counts the attempts), or the signal's reason as soon as it aborts.
 */
export async function executeCall<Op extends OperationName>(
  ctx: PipelineContext,
  recoveryContext: RecoveryContext,
  operation: Op,
  input: RequestOf<Op>,
): Promise<ResponseOf<Op>> {
  const { policy, signal } = { policy: ctx.policy, signal: recoveryContext.signal };
  const recovery = recoveryFor(operation);
  const request = withClientToken(recovery, input);
  const body = JSON.stringify(request);
  const startedAt = ctx.now().getTime();
  let ambiguous = false;
  ctx.stats.call(operation);
  for (let attempt = 1; ; attempt++) {
    try {
      if (ambiguous) {
        const existing = await recovery.findExisting?.(recoveryContext, request);
        if (existing) return existing;
        await recovery.prepareRetry?.(recoveryContext, request);
      }
      return (await sendAttempt(ctx, { operation, request, body, attempt, signal })) as ResponseOf<Op>;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const settled = ambiguous ? await recovery.settle?.(recoveryContext, request, error) : undefined;
      if (settled) return settled;
      const facts: FailureFacts =
        ambiguous && recovery.kind === 'lookup' && isAlreadyExistsError(error) ? notVisibleYet : factsOf(error);
      if (facts.ambiguous && recovery.kind === 'unsafe') {
        ctx.stats.failure(operation);
        throw new OapiAmbiguousResultError(operation, error, recovery.whatToCheck);
      }
      const delay = facts.retryable ? backoffDelayMs(policy, attempt, ctx.random, facts.retryAfterMs) : 0;
      const elapsed = ctx.now().getTime() - startedAt;
      const giveUp =
        !facts.retryable ||
        attempt >= policy.maxAttempts ||
        (facts.retryAfterMs ?? 0) > policy.maxRetryAfterMs ||
        elapsed + delay > policy.maxElapsedMs;
      if (giveUp) {
        ctx.stats.failure(operation);
        throw error;
      }
      ambiguous ||= facts.ambiguous;
      const why = facts.throttling ? 'throttled' : facts.ambiguous ? 'ambiguous failure' : 'transient failure';
      ctx.logger?.debug(`OAPI ${operation}: retrying in ${delay} ms (${why})`, {
        operation,
        attempt,
        retryInMs: delay,
      });
      await ctx.sleep(delay, signal);
    }
  }
}
