import { createHmac } from 'node:crypto';
import { sha256Hex } from './canonical-request';
import type { AlgorithmNames } from './signature-algorithm';

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Derives the SigV4-style signing key: HMAC chain over day, region, service and terminator. */
export function deriveSigningKey(
  names: AlgorithmNames,
  secretKey: string,
  day: string,
  region: string,
  service: string,
): Buffer {
  const kDate = hmac(`${names.keyPrefix}${secretKey}`, day);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, names.terminator);
}

/** The string to sign: algorithm, timestamp, credential scope and the hash of the canonical request. */
export function stringToSign(names: AlgorithmNames, timestamp: string, scope: string, canonical: string): string {
  return [names.algorithm, timestamp, scope, sha256Hex(canonical)].join('\n');
}

/** Hex HMAC-SHA256 signature of the string to sign. */
export function computeSignature(signingKey: Buffer, toSign: string): string {
  return createHmac('sha256', signingKey).update(toSign, 'utf8').digest('hex');
}
