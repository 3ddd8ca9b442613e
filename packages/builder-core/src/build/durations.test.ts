import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './go-duration';
import { formatHumanDuration } from './human-duration';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [5_430_500, '1h30m30.5s'],
  ])('%d ms is %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));
});

describe('formatHumanDuration', () => {
  it.each([
    [0, '0 seconds'],
    [3047, '3 seconds 47 milliseconds'],
    [87_000, '1 minute 27 seconds'],
    [7_512_345, '2 hours 5 minutes'],
    [1000, '1 second'],
  ])('%d ms is %s', (ms, text) => expect(formatHumanDuration(ms)).toBe(text));
});
