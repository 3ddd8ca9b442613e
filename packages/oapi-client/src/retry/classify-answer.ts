import type { OapiErrorDetail } from '../errors/oapi-error';
import { throttlingErrorCodes } from '../model/oapi-error-codes';

/** How an error answer of the API is to be treated by the retry loop. */
export interface AnswerClass {
  /**
   * Rate-limited: HTTP 429, or the API's throttling codes 6/24/25 (its 503 carries code 6). The API did not act
   * on the request. A bare 503 (a proxy or load balancer) is not assumed to be one: the call may have run.
   */
  throttling: boolean;
  /** Worth another attempt: throttling, 408, and 5xx except 501. */
  retryable: boolean;
  /**
   * The API may have acted on the request before failing (a 5xx that is not throttling): a create retried
   * after it needs an idempotency strategy.
   */
  ambiguous: boolean;
}

/** Classifies a non-2xx answer by its status and the API's error codes (oapi-facts §4.2-4.3); 503s are retried either way. */
export function classifyAnswer(status: number, errors: readonly OapiErrorDetail[]): AnswerClass {
  const throttling = status === 429 || errors.some((e) => throttlingErrorCodes.includes(e.code));
  const serverFault = status >= 500 && status !== 501;
  return {
    throttling,
    retryable: throttling || status === 408 || serverFault,
    ambiguous: !throttling && serverFault,
  };
}
