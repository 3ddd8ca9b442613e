/** The two request-signing schemes the Outscale API accepts. */
export type SignatureAlgorithm = 'OSC4-HMAC-SHA256' | 'AWS4-HMAC-SHA256';

/** The names that distinguish OSC4 from AWS4; the derivation is otherwise the same. */
export interface AlgorithmNames {
  algorithm: SignatureAlgorithm;
  /** Prepended to the secret key to seed the signing-key derivation. */
  keyPrefix: 'OSC4' | 'AWS4';
  /** Last element of the credential scope. */
  terminator: 'osc4_request' | 'aws4_request';
  /** Lower-case name of the header that carries the request timestamp. */
  dateHeader: 'x-osc-date' | 'x-amz-date';
}

const osc4: AlgorithmNames = {
  algorithm: 'OSC4-HMAC-SHA256',
  keyPrefix: 'OSC4',
  terminator: 'osc4_request',
  dateHeader: 'x-osc-date',
};
const aws4: AlgorithmNames = {
  algorithm: 'AWS4-HMAC-SHA256',
  keyPrefix: 'AWS4',
  terminator: 'aws4_request',
  dateHeader: 'x-amz-date',
};

/** Names for an algorithm; throws on anything else. */
export function algorithmNames(algorithm: string): AlgorithmNames {
  if (algorithm === osc4.algorithm) return osc4;
  if (algorithm === aws4.algorithm) return aws4;
  throw new Error(`unsupported signature algorithm '${algorithm}' (expected OSC4-HMAC-SHA256 or AWS4-HMAC-SHA256)`);
}

/** `YYYYMMDD'T'HHMMSS'Z'` in UTC, the timestamp format of X-Osc-Date and X-Amz-Date. */
export function signingTimestamp(at: Date): string {
  // Every signed request needs one, and most fall in the same second as the one before: keep the last.
  const second = Math.floor(at.getTime() / 1000);
  if (second === lastStamp.second) return lastStamp.text;
  // Sliced rather than regex-replaced: this runs for every signed request.
  const iso = at.toISOString();
  const text = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  lastStamp = { second, text };
  return text;
}

let lastStamp = { second: Number.NaN, text: '' };
