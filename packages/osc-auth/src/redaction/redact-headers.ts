import { maskAccessKey } from './mask-access-key';
import { sensitive } from './sensitive';

type HeaderValue = string | string[] | undefined;

const hiddenHeaders = new Set(['proxy-authorization', 'cookie', 'set-cookie', 'x-auth-token', 'x-api-key']);

/**
 * A copy of the headers fit for a log: `Authorization` keeps its scheme and credential scope with the
 * access key masked and the signature hidden (`OSC4-HMAC-SHA256 Credential=ABCD…6789/20260102/eu-west-2/
 * api/osc4_request, SignedHeaders=…, Signature=<sensitive>`); Basic and any other scheme keep only their
 * name. Cookies, proxy credentials and token headers are hidden. Names keep their case.
 */
export function redactHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, HeaderValue> {
  const redacted: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined) redacted[name] = value;
    else if (lower === 'authorization') redacted[name] = map(value, redactAuthorization);
    else if (hiddenHeaders.has(lower)) redacted[name] = map(value, () => sensitive);
    else redacted[name] = Array.isArray(value) ? [...value] : value;
  }
  return redacted;
}

function map(value: string | string[], fn: (v: string) => string): string | string[] {
  return Array.isArray(value) ? value.map(fn) : fn(value);
}

/** An Authorization value with its secret parts hidden (see redactHeaders). */
export function redactAuthorization(value: string): string {
  const v4 =
    /^\s*((?:OSC4|AWS4)-HMAC-SHA256)\s+Credential=([^/\s,]*)(\/[^\s,]*)?,\s*SignedHeaders=([^\s,]*),\s*Signature=\S*\s*$/.exec(
      value,
    );
  if (v4) {
    const [, algorithm, accessKey = '', scope = '', signedHeaders] = v4;
    return `${algorithm} Credential=${maskAccessKey(accessKey)}${scope}, SignedHeaders=${signedHeaders}, Signature=${sensitive}`;
  }
  const scheme = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(\s|$)/.exec(value)?.[1];
  return scheme ? `${scheme} ${sensitive}` : sensitive;
}
