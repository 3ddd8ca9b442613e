import { afterEach, describe, expect, it } from 'vitest';
import { abortableSleep } from '../retry/abortable-sleep';
import { type MockApi, mockApi } from '../testing-support/mock-api';

const throttled = { Errors: [{ Code: '24', Type: 'AccessDenied', Details: 'Request rate exceeded.' }] };

let api: MockApi;
afterEach(async () => {
  await api.agent.close();
});

describe('aborting a call', () => {
  it('stops at once during a backoff wait', async () => {
    const controller = new AbortController();
    api = mockApi({
      sleep: abortableSleep,
      now: () => new Date(),
      retry: { baseDelayMs: 60_000 },
      // The pipeline logs the retry just before it starts waiting: abort right then.
      logger: { debug: (message) => message.includes('retrying in') && controller.abort(new Error('build cancelled')) },
    });
    api.reply('ReadVms', 429, throttled);
    const started = performance.now();
    await expect(api.client.call('ReadVms', {}, { signal: controller.signal })).rejects.toThrow('build cancelled');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(api.seen).toHaveLength(1);
  });

  it('stops at once while waiting for the rate limiter', async () => {
    const controller = new AbortController();
    api = mockApi({ sleep: abortableSleep, now: () => new Date(), rateLimit: { requestsPerSecond: 0.01, burst: 1 } });
    api.reply('ReadVms', 200, {});
    await api.client.call('ReadVms', {});
    const second = api.client.call('ReadVms', {}, { signal: controller.signal });
    setImmediate(() => controller.abort(new Error('stop')));
    const started = performance.now();
    await expect(second).rejects.toThrow('stop');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(api.seen).toHaveLength(1);
  });

  it('does not send anything when the signal is already aborted', async () => {
    api = mockApi();
    await expect(api.client.call('ReadVms', {}, { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow(
      'gone',
    );
    expect(api.seen).toHaveLength(0);
  });
});
