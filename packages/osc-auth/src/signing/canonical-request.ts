import { hash } from 'node:crypto';

/** Lower-case hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  // One-shot hashing: every API call hashes twice, and a Hash object per digest costs more than the digest.
  return hash('sha256', data, 'hex');
}

// RFC 3986 unreserved characters stay as they are; everything else is percent-encoded in upper case,
// as SigV4 requires (encodeURIComponent leaves !'()* alone, so those are fixed up here).
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The canonical URI: each path segment decoded once and re-encoded, so `/a%20b` and `/a b` sign the same.
 * With `doubleEncode`, each segment is encoded a second time, as standard SigV4 (AWS4) requires for every
 * service but S3 and as `aws4` does; OSC4 signers encode once. OAPI paths (`/api/v1/ReadVms`) are the same
 * either way.
 */
export function canonicalUri(pathname: string, options: { doubleEncode?: boolean } = {}): string {
  if (pathname === '') return '/';
  // The usual case (`/api/v1/ReadVms`): only unreserved characters, which decoding and encoding keep as is.
  if (/^[A-Za-z0-9\-._~/]*$/.test(pathname)) return pathname;
  return pathname
    .split('/')
    .map((segment) => {
      const once = encodeRfc3986(safeDecode(segment));
      return options.doubleEncode ? encodeRfc3986(once) : once;
    })
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The canonical query string: parameters encoded, then sorted by name and value. */
export function canonicalQuery(search: string): string {
  if (search === '' || search === '?') return '';
  const params = new URLSearchParams(search);
  const pairs: [string, string][] = [];
  for (const [name, value] of params) pairs.push([encodeRfc3986(name), encodeRfc3986(value)]);
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** A header value as SigV4 canonicalises it: trimmed, inner runs of spaces folded to one. */
export function canonicalHeaderValue(value: string): string {
  // Most values (content type, host, timestamp) have nothing to fold: skip the regex for them.
  if (!/\s\s|^\s|\s$|[\t\n\r]/.test(value)) return value;
  return value.trim().replace(/\s+/g, ' ');
}

export interface CanonicalRequestInput {
  method: string;
  url: URL;
  /** Header names in any case; only those in `signedHeaders` are used. */
  headers: Readonly<Record<string, string>>;
  /** Lower-case header names, sorted. */
  signedHeaders: readonly string[];
  body: string | Uint8Array;
  /** Encode path segments twice (AWS4); see canonicalUri. */
  doubleEncodePath?: boolean;
}

/** Builds the SigV4 canonical request (shared by OSC4 and AWS4, which differ only in names). */
export function canonicalRequest(input: CanonicalRequestInput): string {
  let headerLines = '';
  for (const name of input.signedHeaders) {
    headerLines += `${name}:${canonicalHeaderValue(headerValue(input.headers, name))}\n`;
  }
  const { pathname, search } = input.url;
  return (
    `${input.method.toUpperCase()}\n${canonicalUri(pathname, { doubleEncode: input.doubleEncodePath === true })}\n` +
    `${canonicalQuery(search)}\n${headerLines}\n${input.signedHeaders.join(';')}\n${sha256Hex(input.body)}`
  );
}

// The value of a header by its lower-case name. Signers pass lower-case names, so the direct lookup nearly
// always answers; other spellings are found by scanning (this runs for every signed request).
function headerValue(headers: Readonly<Record<string, string>>, lowerName: string): string {
  const direct = headers[lowerName];
  if (direct !== undefined) return direct;
  for (const name in headers) if (name.toLowerCase() === lowerName) return headers[name] ?? '';
  return '';
}
