import { describe, expect, it } from 'vitest';
import { waiterOptionsFromEnv } from './waiter-options';

describe('waiterOptionsFromEnv', () => {
  it('reads seconds (fractions allowed) and an attempt count, skipping unset and empty variables', () => {
    expect(
      waiterOptionsFromEnv({
        OSC_POLL_DELAY_SECONDS: '0.5',
        OSC_POLL_MAX_DELAY_SECONDS: '30',
        OSC_POLL_TIMEOUT_SECONDS: '3600',
        OSC_POLL_NOT_FOUND_GRACE_SECONDS: '0',
        OSC_POLL_MAX_ATTEMPTS: '120',
        OSC_ACCESS_KEY: 'ignored',
      }),
    ).toEqual({ minDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 3_600_000, notFoundGraceMs: 0, maxAttempts: 120 });
    expect(waiterOptionsFromEnv({ OSC_POLL_DELAY_SECONDS: '' })).toEqual({});
  });

  it('names the variable and the value it cannot use', () => {
    expect(() => waiterOptionsFromEnv({ OSC_POLL_DELAY_SECONDS: '2s' })).toThrow(
      'OSC_POLL_DELAY_SECONDS must be a number of seconds greater than 0, got "2s"',
    );
    expect(() => waiterOptionsFromEnv({ OSC_POLL_TIMEOUT_SECONDS: '0' })).toThrow(/OSC_POLL_TIMEOUT_SECONDS/);
    expect(() => waiterOptionsFromEnv({ OSC_POLL_MAX_ATTEMPTS: '1.5' })).toThrow(
      'OSC_POLL_MAX_ATTEMPTS must be a whole number of attempts of at least 1, got "1.5"',
    );
  });
});
