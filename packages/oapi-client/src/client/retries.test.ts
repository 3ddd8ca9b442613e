import { verifySignature } from '@osc-packer/osc-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { OapiError } from '../errors/oapi-error';
import { OapiNetworkError } from '../errors/oapi-network-error';
import { type MockApi, mockApi, testKeys } from '../testing-support/mock-api';

const ok = (extra: Record<string, unknown> = {}) => ({ ResponseContext: { RequestId: 'req-ok' }, ...extra });
const apiError = (code: string, type: string, details = '') => ({
  Errors: [{ Code: code, Type: type, Details: details }],
  ResponseContext: { RequestId: `req-${code}` },
});

let api: MockApi;
afterEach(async () => {
  api.agent.assertNoPendingInterceptors();
  await api.agent.close();
});

describe('success answers', () => {
  it('takes an empty or blank 2xx body as an empty answer, and a broken one as an ambiguous failure', async () => {
    api = mockApi({ retry: { maxAttempts: 1 } });
    api.reply('DeleteTags', 200, '');
    api.reply('DeleteTags', 200, ' \n\t ');
    api.reply('ReadVms', 200, '{"Vms": [');
    const input = { ResourceIds: ['i-1'], Tags: [{ Key: 'k', Value: 'v' }] };
    expect(await api.client.call('DeleteTags', input)).toEqual({});
    expect(await api.client.call('DeleteTags', input)).toEqual({});
    const error = await api.client.call('ReadVms', {}).catch((caught: unknown) => caught);
    expect(OapiError.isInstance(error) && { ambiguous: error.ambiguous, status: error.status }).toEqual({
      ambiguous: true,
      status: 200,
    });
  });
});

describe('retries', () => {
  it('retries throttling (429 code 24, then 503 code 6) and succeeds, re-signing every attempt', async () => {
    api = mockApi({ random: () => 0.999, retry: { baseDelayMs: 2000 } });
    api.reply('ReadVms', 429, apiError('24', 'AccessDenied', 'Request rate exceeded.'));
    api.reply('ReadVms', 503, apiError('6', 'AccessDenied'));
    api.reply('ReadVms', 200, ok({ Vms: [{ VmId: 'i-1' }] }));
    const answer = await api.client.call('ReadVms', { Filters: { VmIds: ['i-1'] } });
    expect(answer.Vms?.[0]?.VmId).toBe('i-1');
    expect(api.seen).toHaveLength(3);
    // Full jitter near its top: just under 2 s, then just under 4 s; each attempt carries its own timestamp.
    expect(api.clock.sleeps).toEqual([1998, 3996]);
    const dates = api.seen.map((request) => request.headers['x-osc-date']);
    expect(new Set(dates).size).toBe(3);
    for (const request of api.seen) {
      const verdict = verifySignature(
        {
          method: 'POST',
          path: `/api/v1/${request.operation}`,
          headers: { ...request.headers, host: 'api.eu-west-2.outscale.com' },
          body: request.rawBody,
        },
        {
          lookupSecretKey: (ak: string) => (ak === testKeys.accessKey ? testKeys.secretKey : undefined),
          now: api.clock.now(),
        },
      );
      expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    }
    expect(api.client.stats).toMatchObject({ calls: 1, attempts: 3, retries: 2, throttled: 2, failures: 0 });
  });

  it('retries 5xx (except 501) and honours Retry-After as a floor', async () => {
    api = mockApi();
    api.reply('ReadImages', 502, '<html>bad gateway</html>', { 'retry-after': '3', 'content-type': 'text/html' });
    api.reply('ReadImages', 500, apiError('0', 'InternalError'));
    api.reply('ReadImages', 200, ok({ Images: [] }));
    await api.client.call('ReadImages', {});
    expect(api.clock.sleeps).toEqual([3000, 1000]);
  });

  it('does not retry a client error, and says what the API said', async () => {
    api = mockApi();
    api.reply('CreateVms', 400, apiError('4078', 'InvalidParameterValue', 'invalid volume size'));
    const error = await api.client.call('CreateVms', { ImageId: 'ami-1' }).catch((e: unknown) => e);
    expect(OapiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: '4078', type: 'InvalidParameterValue', retryable: false });
    expect((error as Error).message).toBe(
      'CreateVms failed with HTTP 400: [4078] InvalidParameterValue: invalid volume size (request id req-4078)',
    );
    expect(api.seen).toHaveLength(1);
  });

  it('does not retry 501', async () => {
    api = mockApi();
    api.reply('ReadVms', 501, apiError('0', 'NotImplemented'));
    await expect(api.client.call('ReadVms', {})).rejects.toMatchObject({ status: 501, retryable: false });
  });

  it('gives up after maxAttempts and counts the attempts in the message', async () => {
    api = mockApi({ retry: { maxAttempts: 3 } });
    for (let i = 0; i < 3; i++) api.reply('ReadVms', 429, apiError('25', 'AccessDenied', 'Request rate exceeded.'));
    const error = await api.client.call('ReadVms', {}).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'ReadVms failed with HTTP 429: [25] AccessDenied: Request rate exceeded. (request id req-25; after 3 attempts)',
    );
    expect(error).toMatchObject({ throttling: true, attempt: 3 });
    expect(api.client.stats.failures).toBe(1);
  });

  it('gives up when the next wait would pass the total time budget', async () => {
    api = mockApi({ retry: { maxElapsedMs: 2500 }, random: () => 1 });
    api.reply('ReadVms', 500, apiError('0', 'InternalError'));
    api.reply('ReadVms', 500, apiError('0', 'InternalError'));
    // 1 s, then 2 s would end at 3 s > 2.5 s: the second failure is final.
    await expect(api.client.call('ReadVms', {})).rejects.toMatchObject({ status: 500, attempt: 2 });
    expect(api.clock.sleeps).toEqual([1000]);
  });

  it('gives up at once when Retry-After asks for longer than maxRetryAfterMs', async () => {
    api = mockApi();
    api.reply('ReadVms', 503, apiError('6', 'AccessDenied'), { 'retry-after': '3600' });
    await expect(api.client.call('ReadVms', {})).rejects.toMatchObject({ status: 503, retryAfterMs: 3_600_000 });
    expect(api.clock.sleeps).toEqual([]);
  });

  it('retries a refused connection and a reset on a read; a TLS failure is final', async () => {
    api = mockApi();
    api.fail('ReadVms', 'ECONNREFUSED');
    api.fail('ReadVms', 'ECONNRESET');
    api.reply('ReadVms', 200, ok());
    await api.client.call('ReadVms', {});
    api.fail('ReadVms', 'CERT_HAS_EXPIRED');
    const error = await api.client.call('ReadVms', {}).catch((e: unknown) => e);
    expect(OapiNetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'tls', retryable: false, ambiguous: false });
    expect((error as Error).message).toBe(
      'ReadVms to https://api.eu-west-2.outscale.com failed: the TLS handshake failed (CERT_HAS_EXPIRED: simulated CERT_HAS_EXPIRED)',
    );
  });

  it('reads application/problem+json answers', async () => {
    api = mockApi();
    api.reply(
      'ReadVms',
      403,
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'IP not allowed by the API access rules',
        instance: 'req-9',
      },
      { 'content-type': 'application/problem+json' },
    );
    await expect(api.client.call('ReadVms', {})).rejects.toThrow(
      'ReadVms failed with HTTP 403: Forbidden: IP not allowed by the API access rules (request id req-9)',
    );
  });

  it('says the local clock is off when an AuthFailure comes with a distant Date', async () => {
    api = mockApi();
    const serverDate = new Date(api.clock.now().getTime() - 754_000).toUTCString();
    api.reply('ReadVms', 401, apiError('1', 'AccessDenied', 'Authentication failed'), { date: serverDate });
    const error = await api.client.call('ReadVms', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect((error as Error).message).toMatch(
      /\[1\] AccessDenied: Authentication failed .*local clock is .*754 seconds/,
    );
  });

  it('without skew, an AuthFailure says to check the keys and region', async () => {
    api = mockApi();
    api.reply('ReadVms', 401, apiError('1', 'AccessDenied'), { date: api.clock.now().toUTCString() });
    await expect(api.client.call('ReadVms', {})).rejects.toThrow(/Check the access key and secret key/);
  });
});
