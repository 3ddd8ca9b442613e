import { OapiError } from '@osc-packer/oapi-client';
import { describe, expect, it } from 'vitest';
import { notVisibleYet, stillInUse } from './eventual-errors';
import { retryEventually } from './retry-eventually';

const notFound = new OapiError({
  operation: 'CreateTags',
  status: 400,
  errors: [{ code: '5063', type: 'InvalidResource', details: 'no such vm' }],
  retryable: false,
});
const inUse = new OapiError({
  operation: 'DeleteSecurityGroup',
  status: 424,
  errors: [{ code: '1007', type: 'DependencyProblem', details: 'in use' }],
  retryable: false,
});
const wait = { minDelayMs: 1, maxDelayMs: 2, timeoutMs: 200, notFoundGraceMs: 0 };

describe('retryEventually', () => {
  it('retries what eventual consistency explains until it succeeds', async () => {
    let calls = 0;
    const result = await retryEventually(
      'tagging i-1',
      async () => {
        calls++;
        if (calls < 3) throw notFound;
        return 'tagged';
      },
      { retryOn: notVisibleYet, wait },
    );
    expect([result, calls]).toEqual(['tagged', 3]);
  });

  it('rethrows other errors at once, untouched (also a "not found" it was not told to retry)', async () => {
    let calls = 0;
    const fail = async () => {
      calls++;
      throw notFound;
    };
    await expect(retryEventually('deleting sg-1', fail, { retryOn: stillInUse, wait })).rejects.toBe(notFound);
    expect(calls).toBe(1);
  });

  it('gives up at the deadline with the last error and how long it tried', async () => {
    const fail = async () => {
      throw inUse;
    };
    const error = await retryEventually('deleting sg-1', fail, { retryOn: stillInUse, wait }).catch((e: Error) => e);
    expect(error.message).toMatch(
      /^deleting sg-1: DeleteSecurityGroup failed with HTTP 424: \[1007\] .* \(still failing after \d+s of retries\)$/,
    );
    expect((error as Error).cause).toBe(inUse);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    const pending = retryEventually(
      'tagging',
      async () => {
        throw notFound;
      },
      {
        retryOn: notVisibleYet,
        wait: { ...wait, timeoutMs: 60_000, minDelayMs: 1000, maxDelayMs: 1000, signal: controller.signal },
      },
    );
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
