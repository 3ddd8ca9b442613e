import { describe, expect, it } from 'vitest';
import { formatGoTime, rfc3339Layout } from './go-time-format';
import { strftime } from './strftime';

// Packer's documented isotime examples use June 7, 2014, 19:22:43 UTC.
const packerDocTime = new Date(Date.UTC(2014, 5, 7, 19, 22, 43));
// Go's time.Format examples use Wed Feb 25 11:06:39 2015 (here in UTC, with milliseconds).
const goExampleTime = new Date(Date.UTC(2015, 1, 25, 11, 6, 39, 123));
const padExampleTime = new Date(Date.UTC(2015, 2, 7, 11, 6, 39));

describe('formatGoTime', () => {
  it.each([
    // Packer's "isotime Function Format Reference" table.
    ['2006-01-02', '2014-06-07'],
    ['Mon 1504', 'Sat 1922'],
    // The docs print "07-Jun-2014 07_22_43" for this layout, but "06" is Go's two-digit year.
    ['02-Jan-06 03_04_05', '07-Jun-14 07_22_43'],
    ['Hour15Year200603', 'Hour19Year201407'],
    ['3:04PM', '7:22PM'],
    [rfc3339Layout, '2014-06-07T19:22:43Z'],
    ['2006-01-02 03:04:05', '2014-06-07 07:22:43'],
  ])('formats Packer doc layout %j as %j', (layout, expected) => {
    expect(formatGoTime(packerDocTime, layout)).toBe(expected);
  });

  it.each([
    // Go's own ExampleTime_Format and ExampleTime_Format_pad.
    ['Mon Jan 2 15:04:05 MST 2006', 'Wed Feb 25 11:06:39 UTC 2015'],
    ['2006/01/02', '2015/02/25'],
    ['3PM==3pm==15h', '11AM==11am==11h'],
    ['15:04:05.00000', '11:06:39.12300'],
    ['15:04:05.99999999', '11:06:39.123'],
    ['15:04:05,000', '11:06:39,123'],
    ['Mon Jan _2 15:04:05 MST 2006', 'Wed Feb 25 11:06:39 UTC 2015'],
    ['January Monday', 'February Wednesday'],
    ['002 __2', '056  56'],
    ['-0700 -07:00 -07 Z0700 Z07:00', '+0000 +00:00 +00 Z Z'],
    ['Z07:00:00 -07:00:00 -070000', 'Z +00:00:00 +000000'],
    // "Jan" followed by a lower-case letter is a word, not a month; "_2006" is "_" then the year.
    ['Janet', 'Janet'],
    ['x_2006', 'x_2015'],
    // A run of 0s followed by a digit is not a fraction.
    ['.0001', '.0002'],
  ])('formats Go layout %j as %j', (layout, expected) => {
    expect(formatGoTime(goExampleTime, layout)).toBe(expected);
  });

  it.each([
    ['Mon Jan _2 15:04:05 MST 2006', 'Sat Mar  7 11:06:39 UTC 2015'],
    ['<2>', '<7>'],
    ['<_2>', '< 7>'],
    ['<02>', '<07>'],
    ['04:05', '06:39'],
    ['15:04:05.999', '11:06:39'],
  ])('pads %j as %j', (layout, expected) => {
    expect(formatGoTime(padExampleTime, layout)).toBe(expected);
  });
});

describe('strftime', () => {
  // The examples of jehiah/go-strftime, the library behind Packer's strftime.
  const t = new Date(1340244776 * 1000);
  it.each([
    ['%Y-%m-%d %H:%M:%S', '2012-06-21 02:12:56'],
    ['aaabbb0123456789%Y', 'aaabbb01234567892012'],
    ['%0%1%%%2', '%0%1%%2'],
    ['%H:%M:%S%L', '02:12:56.000'],
    ['%Y-%m-%dT%H:%M:%S%z', '2012-06-21T02:12:56+0000'],
    ['%a %A %b %B %e %j %p %y %Z', 'Thu Thursday Jun June 21 173 AM 12 UTC'],
    ['%s %u %w %C %k %l', '1340244776 4 4 20  2  2'],
    ['trailing %', 'trailing %'],
  ])('formats %j as %j', (format, expected) => {
    expect(strftime(format, t)).toBe(expected);
  });
});
