import { sensitive } from './sensitive';

/**
 * An access key shown partially, enough to tell keys apart in logs: `ABCD…6789` for a 20-character
 * Outscale key. Keys shorter than 12 characters are hidden entirely.
 */
export function maskAccessKey(accessKey: string): string {
  const key = accessKey.trim();
  if (key.length < 12) return sensitive;
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
