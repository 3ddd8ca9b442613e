import { signRequest } from '@osc-packer/osc-auth';

/** An answer of the API as a test sees it. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Keys and region to sign with; `algorithm` and `now` let tests send AWS4 or skewed signatures. */
export interface Signer {
  accessKey: string;
  secretKey: string;
  region: string;
  algorithm?: 'OSC4-HMAC-SHA256' | 'AWS4-HMAC-SHA256';
  now?: Date;
}

/**
 * Sends one signed call, the way an SDK does, and returns the parsed answer. For the tests that need
 * the raw wire (signatures, error bodies) rather than a client's interpretation of it.
 */
export async function signedCall(
  endpoint: string,
  operation: string,
  body: unknown,
  signer?: Signer,
): Promise<RawAnswer> {
  const url = new URL(`${endpoint}/${operation}`);
  const text = JSON.stringify(body);
  const headers = signer
    ? signRequest(
        { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: text },
        { ...signer, algorithm: signer.algorithm, now: signer.now },
      )
    : { 'Content-Type': 'application/json' };
  const response = await fetch(url, { method: 'POST', headers, body: text });
  const raw = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    parsed = { raw };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
