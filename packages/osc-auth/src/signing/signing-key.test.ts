import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { algorithmNames, signingTimestamp } from './signature-algorithm';
import { deriveSigningKey } from './signing-key';

const sk = '0123456789ABCDEFGHIJabcdefghij0123456789';

function uncached(prefix: string, day: string, region: string, terminator: string): string {
  const step = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  return step(step(step(step(`${prefix}${sk}`, day), region), 'api'), terminator).toString('hex');
}

describe('deriveSigningKey (memoised)', () => {
  it('gives the published key, and a fresh one for every other day, region or scheme', () => {
    const osc4 = algorithmNames('OSC4-HMAC-SHA256');
    const aws4 = algorithmNames('AWS4-HMAC-SHA256');
    // oapi-facts §3.5: the OSC4 and AWS4 signing keys of the known-answer vectors.
    expect(deriveSigningKey(osc4, sk, '20260102', 'eu-west-2', 'api').toString('hex')).toBe(
      '2a1eb5124ec085deb34d8162e1883f824e1831c3ea46c641ac28d72326641501',
    );
    expect(deriveSigningKey(osc4, sk, '20260102', 'eu-west-2', 'api').toString('hex')).toBe(
      '2a1eb5124ec085deb34d8162e1883f824e1831c3ea46c641ac28d72326641501',
    );
    expect(deriveSigningKey(aws4, sk, '20260102', 'eu-west-2', 'api').toString('hex')).toBe(
      '20e10699275740c9251bed8c6905ea05f3785620e914f7a241a1517be6c4ca84',
    );
    expect(deriveSigningKey(osc4, sk, '20260103', 'eu-west-2', 'api').toString('hex')).toBe(
      uncached('OSC4', '20260103', 'eu-west-2', 'osc4_request'),
    );
    expect(deriveSigningKey(osc4, sk, '20260103', 'us-east-2', 'api').toString('hex')).toBe(
      uncached('OSC4', '20260103', 'us-east-2', 'osc4_request'),
    );
  });

  it('stays correct past its capacity', () => {
    const osc4 = algorithmNames('OSC4-HMAC-SHA256');
    for (let day = 1; day <= 100; day++) {
      const stamp = `202601${String(day % 28 || 28).padStart(2, '0')}`;
      const region = `region-${day}`;
      expect(deriveSigningKey(osc4, sk, stamp, region, 'api').toString('hex')).toBe(
        uncached('OSC4', stamp, region, 'osc4_request'),
      );
    }
  });

  it('never hands the last key to a call that differs in one input only', () => {
    const osc4 = algorithmNames('OSC4-HMAC-SHA256');
    const aws4 = algorithmNames('AWS4-HMAC-SHA256');
    const other = 'ZYXWVUTSRQ0123456789abcdefghij0123456789';
    const first = deriveSigningKey(osc4, sk, '20260105', 'eu-west-2', 'api').toString('hex');
    expect(first).toBe(uncached('OSC4', '20260105', 'eu-west-2', 'osc4_request'));
    expect(deriveSigningKey(osc4, other, '20260105', 'eu-west-2', 'api').toString('hex')).not.toBe(first);
    expect(deriveSigningKey(aws4, sk, '20260105', 'eu-west-2', 'api').toString('hex')).toBe(
      uncached('AWS4', '20260105', 'eu-west-2', 'aws4_request'),
    );
    expect(deriveSigningKey(osc4, sk, '20260105', 'eu-west-2', 'other').toString('hex')).not.toBe(first);
    expect(deriveSigningKey(osc4, sk, '20260105', 'eu-west-2', 'api').toString('hex')).toBe(first);
  });
});

describe('signingTimestamp', () => {
  it('formats each second, the same within a second, going forward or back', () => {
    expect(signingTimestamp(new Date('2026-01-02T03:04:05.100Z'))).toBe('20260102T030405Z');
    expect(signingTimestamp(new Date('2026-01-02T03:04:05.900Z'))).toBe('20260102T030405Z');
    expect(signingTimestamp(new Date('2026-01-02T03:04:06.000Z'))).toBe('20260102T030406Z');
    expect(signingTimestamp(new Date('2025-12-31T23:59:59.999Z'))).toBe('20251231T235959Z');
    expect(signingTimestamp(new Date('2026-01-02T03:04:06.500Z'))).toBe('20260102T030406Z');
  });
});
