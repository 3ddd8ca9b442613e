import { randomBytes } from 'node:crypto';

/**
 * A UUID-shaped id whose first 8 hex digits are the UNIX time in seconds and the rest random, as Packer's
 * `uuid` function makes (ids made later sort later). `now` and `random` are injectable for tests.
 */
export function timeOrderedUuid(
  now: () => Date = () => new Date(),
  random: (size: number) => Uint8Array = randomBytes,
): string {
  const seconds = Math.floor(now().getTime() / 1000) >>> 0;
  const hex = Buffer.from(random(12)).toString('hex').padEnd(24, '0').slice(0, 24);
  const time = seconds.toString(16).padStart(8, '0');
  return `${time}-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 24)}`;
}
