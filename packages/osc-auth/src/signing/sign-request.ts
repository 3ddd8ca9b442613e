import aws4 from 'aws4';
import { canonicalRequest } from './canonical-request';
import { algorithmNames, type SignatureAlgorithm, signingTimestamp } from './signature-algorithm';
import { computeSignature, deriveSigningKey, stringToSign } from './signing-key';

/** An HTTP request about to be sent; `url.host` is what the transport sends as the Host header. */
export interface RequestToSign {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: string | Uint8Array;
}

/** Who signs, for which region and service, with which scheme and clock. */
export interface SignOptions {
  accessKey: string;
  secretKey: string;
  region: string;
  /** Credential-scope service; Outscale's API uses `api`. */
  service?: string;
  /** Defaults to OSC4-HMAC-SHA256, the scheme Outscale's own SDKs use. */
  algorithm?: SignatureAlgorithm;
  /** The signing time; defaults to now. */
  now?: Date;
}

/**
 * Signs a request and returns the headers to send: the caller's headers plus the timestamp header
 * (`X-Osc-Date` or `X-Amz-Date`) and `Authorization`. Signed headers are `content-type` (when present),
 * `host` and the timestamp header, as Outscale's SDKs sign them. Pure apart from reading the clock.
 */
export function signRequest(request: RequestToSign, options: SignOptions): Record<string, string> {
  const algorithm = options.algorithm ?? 'OSC4-HMAC-SHA256';
  const service = options.service ?? 'api';
  const timestamp = signingTimestamp(options.now ?? new Date());
  if (algorithm === 'AWS4-HMAC-SHA256') return signAws4(request, options, service, timestamp);
  return signOsc4(request, options, service, timestamp);
}

function contentTypeOf(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name in headers) if (name.toLowerCase() === 'content-type') return headers[name];
  return undefined;
}

const osc4WithContentType: readonly string[] = ['content-type', 'host', 'x-osc-date'];
const osc4WithoutContentType: readonly string[] = ['host', 'x-osc-date'];

function signOsc4(request: RequestToSign, options: SignOptions, service: string, timestamp: string) {
  const names = algorithmNames('OSC4-HMAC-SHA256');
  const day = timestamp.slice(0, 8);
  const scope = `${day}/${options.region}/${service}/${names.terminator}`;
  const contentType = contentTypeOf(request.headers);
  // Built in sorted order directly (content-type < host < x-osc-date): this runs for every API call.
  const signed: Record<string, string> =
    contentType === undefined
      ? { host: request.url.host, 'x-osc-date': timestamp }
      : { 'content-type': contentType, host: request.url.host, 'x-osc-date': timestamp };
  const signedHeaders = contentType === undefined ? osc4WithoutContentType : osc4WithContentType;
  const canonical = canonicalRequest({
    method: request.method,
    url: request.url,
    headers: signed,
    signedHeaders,
    body: request.body,
  });
  const key = deriveSigningKey(names, options.secretKey, day, options.region, service);
  const signature = computeSignature(key, stringToSign(names, timestamp, scope, canonical));
  const headers = copyHeaders(request.headers);
  headers['X-Osc-Date'] = timestamp;
  headers.Authorization = `${names.algorithm} Credential=${options.accessKey}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return headers;
}

// A for-in copy: V8 spreads objects with non-identifier keys (`Content-Type`) about 20x slower, and this
// runs for every API call.
function copyHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const name in headers) copy[name] = headers[name] ?? '';
  return copy;
}

// Standard SigV4 goes through the widely used `aws4` package rather than our own derivation, so the two
// implementations cross-check each other (the verifier recomputes AWS4 with our code).
function signAws4(request: RequestToSign, options: SignOptions, service: string, timestamp: string) {
  const contentType = contentTypeOf(request.headers);
  const headers: Record<string, string> = { 'X-Amz-Date': timestamp };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  const signer = new aws4.RequestSigner(
    {
      host: request.url.host,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method.toUpperCase(),
      service,
      region: options.region,
      body: typeof request.body === 'string' ? request.body : Buffer.from(request.body),
      headers,
      doNotModifyHeaders: true,
    },
    { accessKeyId: options.accessKey, secretAccessKey: options.secretKey },
  );
  // With doNotModifyHeaders, aws4 would otherwise sign with the current time instead of our X-Amz-Date.
  (signer as unknown as { datetime: string }).datetime = timestamp;
  const signedHeaders = signer.sign().headers as Record<string, string>;
  const authorization = signedHeaders.Authorization;
  if (typeof authorization !== 'string') throw new Error('aws4 did not produce an Authorization header');
  return { ...request.headers, 'X-Amz-Date': timestamp, Authorization: authorization };
}
