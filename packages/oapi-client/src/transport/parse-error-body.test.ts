import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../retry/classify-answer';
import { classifyNetworkError } from './classify-network-error';
import { parseErrorBody } from './parse-error-body';

describe('parseErrorBody', () => {
  it("reads OAPI's ErrorResponse", () => {
    const body =
      '{"Errors":[{"Code":"5063","Type":"InvalidResource","Details":"i-1"}],"ResponseContext":{"RequestId":"r1"}}';
    expect(parseErrorBody(body)).toEqual({
      errors: [{ code: '5063', type: 'InvalidResource', details: 'i-1' }],
      requestId: 'r1',
    });
  });

  it('reads an RFC 9457 problem document', () => {
    const body = '{"type":"https://e/x","title":"Too Many Requests","status":429,"detail":"slow down","instance":"r2"}';
    expect(parseErrorBody(body)).toEqual({
      errors: [{ code: '', type: 'Too Many Requests', details: 'slow down' }],
      requestId: 'r2',
    });
  });

  it('keeps an excerpt of anything else', () => {
    expect(parseErrorBody('<html>502 Bad Gateway</html>')).toEqual({
      errors: [],
      bodyExcerpt: '<html>502 Bad Gateway</html>',
    });
  });
});

describe('classification', () => {
  it('sorts answers into throttling, transient and final', () => {
    const throttled = { throttling: true, retryable: true, ambiguous: false };
    expect(classifyAnswer(429, [])).toEqual(throttled);
    expect(classifyAnswer(503, [{ code: '6', type: 'AccessDenied', details: '' }])).toEqual(throttled);
    // A bare 503 (a proxy) may come after the API acted: retried, but creates need their idempotency strategy.
    expect(classifyAnswer(503, [])).toEqual({ throttling: false, retryable: true, ambiguous: true });
    expect(classifyAnswer(400, [{ code: '25', type: 'AccessDenied', details: '' }])).toEqual(throttled);
    expect(classifyAnswer(500, [])).toEqual({ throttling: false, retryable: true, ambiguous: true });
    expect(classifyAnswer(501, [])).toEqual({ throttling: false, retryable: false, ambiguous: false });
    expect(classifyAnswer(409, [])).toEqual({ throttling: false, retryable: false, ambiguous: false });
  });

  it('tells failures that never reached the API from ambiguous ones, through error causes', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code });
    expect(classifyNetworkError(withCode('ECONNREFUSED'))).toMatchObject({ ambiguous: false, retryable: true });
    expect(classifyNetworkError(withCode('UND_ERR_BODY_TIMEOUT'))).toMatchObject({ ambiguous: true, retryable: true });
    expect(classifyNetworkError(new Error('wrapped', { cause: withCode('ECONNRESET') }))).toMatchObject({
      kind: 'reset',
      ambiguous: true,
    });
    expect(classifyNetworkError(withCode('DEPTH_ZERO_SELF_SIGNED_CERT'))).toMatchObject({
      kind: 'tls',
      retryable: false,
    });
    expect(classifyNetworkError(new Error('???'))).toEqual({ kind: 'other', ambiguous: true, retryable: false });
  });
});
