/**
 * Normalises an endpoint to a base URL ending in `/`: `https://host/api/v1` and `https://host/api/v1/` both
 * become `https://host/api/v1/`, and a bare origin gets the API's `/api/v1/` path. Only http and https.
 */
export function baseUrlOf(endpoint: URL | string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(
      `invalid endpoint ${JSON.stringify(String(endpoint))}: expected a URL such as https://api.eu-west-2.outscale.com/api/v1/`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`invalid endpoint ${url.href}: only http and https are supported`);
  }
  const path = url.pathname === '/' ? '/api/v1/' : url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return new URL(`${url.origin}${path}`);
}
