import { describe, expect, it } from 'vitest';
import { diagnoseClockSkew } from './diagnose-clock-skew';

const serverDate = 'Fri, 02 Jan 2026 03:04:05 GMT';
const server = Date.UTC(2026, 0, 2, 3, 4, 5);
const at = (offsetSeconds: number) => new Date(server + offsetSeconds * 1000);

describe('diagnoseClockSkew', () => {
  it('says the local clock is ahead, by how much, that it explains AuthFailure, and how to fix it', () => {
    const skew = diagnoseClockSkew({ serverDate, now: at(423) });
    expect(skew?.skewSeconds).toBe(423);
    expect(skew?.message).toBe(
      "The local clock is 7 min 3 s (423 seconds) ahead of the Outscale API's clock (local 2026-01-02T03:11:08.000Z, " +
        'server 2026-01-02T03:04:05.000Z). Requests signed more than 5 minutes away from the API clock are refused ' +
        'with AuthFailure, so this is the likely cause, not the keys. Synchronise the clock with NTP (Linux: ' +
        '`sudo timedatectl set-ntp true`, or `sudo chronyc makestep` with chrony; macOS: `sudo sntp -sS ' +
        'time.apple.com`; Windows: `w32tm /resync`), see "Checking that system time is current" in the Packer ' +
        'Outscale documentation.',
    );
  });

  it('says behind for a late clock, with hours', () => {
    const skew = diagnoseClockSkew({ serverDate, now: at(-(2 * 3600 + 5)) });
    expect(skew?.skewSeconds).toBe(-7205);
    expect(skew?.message).toMatch(/^The local clock is 2 h 5 s \(7205 seconds\) behind the Outscale API's clock/);
  });

  it('reports a skew inside the 5-minute window as probably not the cause', () => {
    const skew = diagnoseClockSkew({ serverDate, now: at(-90) });
    expect(skew?.message).toContain('90 seconds behind');
    expect(skew?.message).toContain('within the 5 minutes the API tolerates, so it is probably not the cause');
  });

  it('stays quiet under the threshold (60 s by default, configurable)', () => {
    expect(diagnoseClockSkew({ serverDate, now: at(59) })).toBeUndefined();
    expect(diagnoseClockSkew({ serverDate, now: at(-59.4) })).toBeUndefined();
    expect(diagnoseClockSkew({ serverDate, now: at(20), thresholdSeconds: 10 })?.skewSeconds).toBe(20);
  });

  it('stays quiet without a usable Date header', () => {
    expect(diagnoseClockSkew({ serverDate: undefined, now: at(1000) })).toBeUndefined();
    expect(diagnoseClockSkew({ serverDate: 'yesterday-ish', now: at(1000) })).toBeUndefined();
  });
});
