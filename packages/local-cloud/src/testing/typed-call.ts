import type { OapiOperations, OperationName } from '@osc-packer/oapi-client';
import { type OapiSpec, validateResponse } from '@osc-packer/oapi-client/test';
import { expect } from 'vitest';
import { type Signer, signedCall } from './signed-call';

/** A value a test needs to be there; fails the test when it is not. */
export function must<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}`);
  return value;
}

/**
 * A test's way to call local-cloud: signed, typed by the wire types, every answer checked against the
 * spec (when given) and its status against the expected one; records which operations answered.
 */
export function typedCaller(endpoint: () => string, signer: () => Signer, spec: OapiSpec | undefined) {
  const answered = new Map<string, Set<number>>();
  async function call<Op extends OperationName>(
    operation: Op,
    body: OapiOperations[Op]['request'] | Record<string, unknown>,
    expectedStatus = 200,
  ): Promise<OapiOperations[Op]['response']> {
    const answer = await signedCall(endpoint(), operation, body, signer());
    if (spec)
      expect(validateResponse(spec, operation, answer.body, answer.status), `${operation} ${answer.status}`).toEqual(
        [],
      );
    expect(answer.status, `${operation}: ${JSON.stringify(answer.body)}`).toBe(expectedStatus);
    answered.set(operation, (answered.get(operation) ?? new Set()).add(answer.status));
    return answer.body as OapiOperations[Op]['response'];
  }
  return { call, answered };
}
