import { timingSafeEqual } from 'node:crypto';
import { canonicalRequest } from './canonical-request';
import { type AlgorithmNames, algorithmNames, type SignatureAlgorithm } from './signature-algorithm';
import { computeSignature, deriveSigningKey, stringToSign } from './signing-key';

/** A request as a server received it. Header names may be in any case (Node gives lower case). */
export interface ReceivedRequest {
  method: string;
  /** Path and query as received, e.g. `/api/v1/ReadVms`. */
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string | Uint8Array;
}

/** Why a signature was refused. `request-expired` is the clock-skew case. */
export type SignatureFailureReason =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'unsupported-algorithm'
  | 'missing-date'
  | 'unsigned-required-header'
  | 'unknown-access-key'
  | 'request-expired'
  | 'signature-mismatch';

export type SignatureVerification =
  | {
      ok: true;
      accessKey: string;
      region: string;
      service: string;
      algorithm: SignatureAlgorithm;
      signedAt: Date;
    }
  | { ok: false; reason: SignatureFailureReason; message: string; accessKey?: string; signedAt?: Date };

export interface VerifyOptions {
  /** The secret key of an access key, or undefined when the key is unknown. */
  lookupSecretKey(accessKey: string): string | undefined;
  /** The server's clock; defaults to now. */
  now?: Date;
  /** How far the signing time may be from the server's clock; the Outscale API allows 5 minutes. */
  maxSkewMs?: number;
}

const authorizationPattern =
  /^(\S+) Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/([^/\s,]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

function header(headers: ReceivedRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

function parseTimestamp(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function fail(reason: SignatureFailureReason, message: string, extra: { accessKey?: string; signedAt?: Date } = {}) {
  return { ok: false as const, reason, message, ...extra };
}

/**
 * Verifies an OSC4 or AWS4 signature the way the Outscale API gateway does: the declared signed headers,
 * credential scope and algorithm are recomputed with the secret of the declared access key. Host and the
 * timestamp header must be signed (the gateway also accepts sets without Content-Type, as osc-cli sends).
 * AWS4 paths are canonicalised with SigV4's double encoding, as `aws4` signs them.
 * Never throws for a bad request; returns why it failed.
 */
export function verifySignature(request: ReceivedRequest, options: VerifyOptions): SignatureVerification {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return fail('missing-authorization', 'the request has no Authorization header');
  const match = authorizationPattern.exec(authorization.trim());
  if (!match) return fail('malformed-authorization', 'the Authorization header is not a v4 signature');
  const [, algorithm, accessKey, day, region, service, terminator, signedList, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  let names: AlgorithmNames;
  try {
    names = algorithmNames(algorithm);
  } catch {
    return fail('unsupported-algorithm', `unsupported signature algorithm '${algorithm}'`, { accessKey });
  }
  if (terminator !== names.terminator) {
    return fail('malformed-authorization', `credential scope must end with ${names.terminator}`, { accessKey });
  }
  const timestampText = header(request.headers, names.dateHeader);
  const signedAt = timestampText ? parseTimestamp(timestampText) : undefined;
  if (!timestampText || !signedAt || timestampText.slice(0, 8) !== day) {
    return fail('missing-date', `a valid ${names.dateHeader} header matching the credential scope is required`, {
      accessKey,
    });
  }
  const signedHeaders = signedList.split(';');
  for (const required of ['host', names.dateHeader]) {
    if (!signedHeaders.includes(required)) {
      return fail('unsigned-required-header', `the ${required} header must be signed`, { accessKey, signedAt });
    }
  }
  const secretKey = options.lookupSecretKey(accessKey);
  if (secretKey === undefined)
    return fail('unknown-access-key', 'the access key is not known', { accessKey, signedAt });
  const now = options.now ?? new Date();
  const maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  if (Math.abs(now.getTime() - signedAt.getTime()) > maxSkewMs) {
    return fail('request-expired', 'the request timestamp is too far from the server clock', { accessKey, signedAt });
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = header(request.headers, name) ?? '';
  const canonical = canonicalRequest({
    method: request.method,
    url: new URL(request.path, 'http://verifier.invalid'),
    headers,
    signedHeaders,
    body: request.body,
    doubleEncodePath: names.algorithm === 'AWS4-HMAC-SHA256',
  });
  const scope = `${day}/${region}/${service}/${names.terminator}`;
  const key = deriveSigningKey(names, secretKey, day, region, service);
  const expected = computeSignature(key, stringToSign(names, timestampText, scope, canonical));
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return fail('signature-mismatch', 'the request signature does not match', { accessKey, signedAt });
  }
  return { ok: true, accessKey, region, service, algorithm: names.algorithm, signedAt };
}
