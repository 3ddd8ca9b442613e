import { signRequest } from '@osc-packer/osc-auth';
import { OapiError } from '../errors/oapi-error';
import { OapiNetworkError } from '../errors/oapi-network-error';
import { logAttempt } from '../logging/attempt-log';
import { redactExcerpt, scrubValues, secretValuesOf } from '../logging/redact-body';
import { classifyAnswer } from '../retry/classify-answer';
import { parseRetryAfter } from '../retry/retry-policy';
import { classifyNetworkError } from '../transport/classify-network-error';
import type { TransportResponse } from '../transport/http-transport';
import { parseErrorBody } from '../transport/parse-error-body';
import { authFailureHint } from './auth-failure-hint';
import type { AccessKeyPair } from './credentials';
import type { PipelineContext } from './pipeline-context';

/** One attempt of a logical call. */
export interface Attempt {
  operation: string;
  /** The request object (logged, redacted) and its serialisation (sent and signed). */
  request: unknown;
  body: string;
  attempt: number;
  signal?: AbortSignal;
}

function header(response: TransportResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function requestIdOf(value: unknown): string | undefined {
  const context = (value as { ResponseContext?: { RequestId?: unknown } } | null)?.ResponseContext;
  return typeof context?.RequestId === 'string' ? context.RequestId : undefined;
}

function answerError(ctx: PipelineContext, at: Attempt, response: TransportResponse): OapiError {
  const parsed = parseErrorBody(response.body);
  const { status } = response;
  // The API's details never carry our secrets in practice; if one ever echoed them, errors must not.
  const secrets = secretValuesOf(at.request);
  const errors = parsed.errors.map((e) => ({ ...e, details: scrubValues(ctx.scrubber.scrub(e.details), secrets) }));
  const kind = classifyAnswer(status, parsed.errors);
  const codes = parsed.errors.map((e) => e.code);
  return new OapiError({
    operation: at.operation,
    status,
    errors,
    requestId: parsed.requestId,
    bodyExcerpt: excerpt(ctx, parsed.bodyExcerpt),
    retryable: kind.retryable,
    ambiguous: kind.ambiguous,
    throttling: kind.throttling,
    retryAfterMs: parseRetryAfter(header(response, 'retry-after'), ctx.now()),
    attempt: at.attempt,
    hint: status === 401 ? authFailureHint(header(response, 'date'), ctx.now(), codes) : undefined,
  });
}

/** A body excerpt fit for an error message: secret fields and every secret the client knows hidden. */
function excerpt(ctx: PipelineContext, text: string | undefined): string | undefined {
  return text === undefined ? undefined : ctx.scrubber.scrub(redactExcerpt(text));
}

const blank = /^\s*$/;

function parseSuccess(ctx: PipelineContext, at: Attempt, response: TransportResponse): unknown {
  // A regex rather than trim(): trim copies the whole body, and this runs for every answer.
  if (blank.test(response.body)) return {};
  try {
    return JSON.parse(response.body);
  } catch {
    // A success status with a broken body: the API may have acted, so this is ambiguous, and worth a retry.
    throw new OapiError({
      operation: at.operation,
      status: response.status,
      errors: [],
      bodyExcerpt: excerpt(ctx, response.body.slice(0, 200)),
      retryable: true,
      ambiguous: true,
      attempt: at.attempt,
    });
  }
}

function signedHeaders(
  ctx: PipelineContext,
  at: Attempt,
  url: URL,
  keys: AccessKeyPair,
  now: Date,
): Record<string, string> {
  return signRequest(
    {
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', 'User-Agent': ctx.userAgent },
      body: at.body,
    },
    { accessKey: keys.accessKey, secretKey: keys.secretKey, region: ctx.region, algorithm: ctx.algorithm, now },
  );
}

/** The answer as a value (2xx) or as the error to throw. */
function outcomeOf(
  ctx: PipelineContext,
  at: Attempt,
  response: TransportResponse,
): { value: unknown } | { error: OapiError } {
  if (response.status < 200 || response.status >= 300) return { error: answerError(ctx, at, response) };
  try {
    return { value: parseSuccess(ctx, at, response) };
  } catch (error) {
    if (OapiError.isInstance(error)) return { error };
    throw error;
  }
}

/**
 * Sends one attempt: waits for the rate limiter, signs with fresh keys and a fresh timestamp, sends, and
 * returns the parsed body of a 2xx answer. Throws an `OapiError` for an error answer, an `OapiNetworkError`
 * for a transport failure, or the signal's reason when the call is aborted. Logs the attempt.
 */
export async function sendAttempt(ctx: PipelineContext, at: Attempt): Promise<unknown> {
  await ctx.rateLimiter.acquire(at.signal);
  const keys = await ctx.credentials(at.signal);
  const url = ctx.urlOf(at.operation);
  const signedAt = ctx.now();
  const headers = signedHeaders(ctx, at, url, keys, signedAt);
  ctx.stats.attempt(at.operation, at.attempt);
  const started = signedAt.getTime();
  const log = ctx.logger;
  let response: TransportResponse;
  try {
    response = await ctx.transport.send({ path: url.pathname, headers, body: at.body, signal: at.signal });
  } catch (cause) {
    if (at.signal?.aborted) throw at.signal.reason;
    const kind = classifyNetworkError(cause);
    const { operation, attempt } = at;
    const error = new OapiNetworkError({ ...kind, operation, origin: ctx.transport.origin, attempt, cause });
    if (log) logAttempt(log, ctx.scrubber, { ...at, durationMs: ctx.now().getTime() - started, headers, error });
    throw error;
  }
  const durationMs = ctx.now().getTime() - started;
  const outcome = outcomeOf(ctx, at, response);
  const { status } = response;
  if ('error' in outcome) {
    const { error } = outcome;
    if (error.throttling) ctx.stats.throttled(at.operation);
    if (log) logAttempt(log, ctx.scrubber, { ...at, durationMs, headers, status, requestId: error.requestId, error });
    throw error;
  }
  if (log) {
    const requestId = requestIdOf(outcome.value);
    logAttempt(log, ctx.scrubber, { ...at, durationMs, headers, status, requestId, response: outcome.value });
  }
  return outcome.value;
}
