import { createHmac } from 'node:crypto';
import { sha256Hex } from './canonical-request';
import type { AlgorithmNames } from './signature-algorithm';

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

// Signing keys change once a day per key pair and region, but every request needs one: deriving it takes
// four HMACs, most of the cost of signing. Kept in memory only, for the few key pairs a process uses.
const derivedKeys = new Map<string, Buffer>();
const maxDerivedKeys = 64;

/** Derives the SigV4-style signing key: HMAC chain over day, region, service and terminator (memoised). */
export function deriveSigningKey(
  names: AlgorithmNames,
  secretKey: string,
  day: string,
  region: string,
  service: string,
): Buffer {
  // A process signs with one key pair, region and day nearly all the time: compare with the last derivation
  // before building the cache key (a string as long as the secret, hashed for the lookup).
  const last = lastDerived;
  if (
    last !== undefined &&
    last.names === names &&
    last.secretKey === secretKey &&
    last.day === day &&
    last.region === region &&
    last.service === service
  ) {
    return last.key;
  }
  const key = deriveThroughCache(names, secretKey, day, region, service);
  lastDerived = { names, secretKey, day, region, service, key };
  return key;
}

let lastDerived:
  | { names: AlgorithmNames; secretKey: string; day: string; region: string; service: string; key: Buffer }
  | undefined;

function deriveThroughCache(
  names: AlgorithmNames,
  secretKey: string,
  day: string,
  region: string,
  service: string,
): Buffer {
  const cacheKey = `${names.keyPrefix}\0${secretKey}\0${day}\0${region}\0${service}\0${names.terminator}`;
  const cached = derivedKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  const kDate = hmac(`${names.keyPrefix}${secretKey}`, day);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  const key = hmac(kService, names.terminator);
  if (derivedKeys.size >= maxDerivedKeys) derivedKeys.clear();
  derivedKeys.set(cacheKey, key);
  return key;
}

/** The string to sign: algorithm, timestamp, credential scope and the hash of the canonical request. */
export function stringToSign(names: AlgorithmNames, timestamp: string, scope: string, canonical: string): string {
  return [names.algorithm, timestamp, scope, sha256Hex(canonical)].join('\n');
}

/** Hex HMAC-SHA256 signature of the string to sign. */
export function computeSignature(signingKey: Buffer, toSign: string): string {
  return createHmac('sha256', signingKey).update(toSign, 'utf8').digest('hex');
}
