import { EndpointError } from '../errors/endpoint-error';
import { knownRegions, regionDomain, regionHint } from './known-regions';

export interface ResolveEndpointOptions {
  region: string;
  /** What the user wrote: a full URL, a scheme-less host[/path], or the legacy domain suffix. */
  customEndpoint?: string | undefined;
  /** Scheme for a derived or scheme-less endpoint; defaults to `https`. */
  protocol?: 'http' | 'https' | undefined;
}

/**
 * The API base URL (always ending with `/`, so `new URL('ReadVms', url)` works) and any warnings.
 * Without a custom endpoint: `https://api.<region>.<domain>/api/v1/`; an unknown region is an
 * EndpointError listing the known ones. With one, every form seen in templates is accepted:
 * - a full URL (`https://…` or `http://…`, e.g. local-cloud on loopback), used as given;
 * - a scheme-less host, optionally with a path (`api.eu-west-2.outscale.com[/api/v1]`): `https://` prepended;
 * - the legacy domain suffix (`outscale.com/oapi/latest`, a bare two-label domain): `https://api.<region>.<suffix>`,
 *   with a deprecation warning.
 * An empty path becomes `/api/v1/`; the retired `/oapi/latest` and `/oapi/v0` paths become `/api/v1/`
 * with a deprecation warning. Queries, fragments and user:password in the URL are refused.
 */
export function resolveEndpoint(options: ResolveEndpointOptions): { url: URL; warnings: string[] } {
  const { region } = options;
  const protocol = options.protocol ?? 'https';
  const custom = options.customEndpoint?.trim();
  if (custom === undefined || custom === '') {
    if (!knownRegions.includes(region)) {
      throw new EndpointError(
        `unknown region "${region}"${regionHint(region)}; known regions: ${knownRegions.join(', ')}. ` +
          'For another region or a private endpoint, set custom_endpoint_oapi (or OSC_ENDPOINT_API) to its URL',
        region,
      );
    }
    return { url: new URL(`${protocol}://api.${region}.${regionDomain(region)}/api/v1/`), warnings: [] };
  }
  const warnings: string[] = [];
  const { url, legacySuffix } = parseCustom(custom, region, protocol);
  const retiredPath = normalisePath(url);
  if (legacySuffix) {
    warnings.push(
      `custom endpoint "${custom}" uses the legacy domain-suffix form of the original osc builders ` +
        `(https://api.<region>.<suffix>); using ${url.href}. Write that full URL instead`,
    );
  } else if (retiredPath) {
    warnings.push(`endpoint path "${retiredPath}" of "${custom}" is the retired OAPI v0 path; using ${url.href}`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    warnings.push(
      `endpoint ${url.href} uses plain http to a host that is not on this machine: ` +
        'requests and answers (including private keys of temporary keypairs) travel unencrypted',
    );
  }
  return { url, warnings };
}

function parseCustom(custom: string, region: string, protocol: string): { url: URL; legacySuffix: boolean } {
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(custom);
  if (schemeMatch) {
    const scheme = schemeMatch[1]?.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') {
      throw new EndpointError(`custom endpoint "${custom}" must be an http:// or https:// URL`, custom);
    }
    return { url: parseUrl(custom, custom), legacySuffix: false };
  }
  const slash = custom.indexOf('/');
  const host = slash === -1 ? custom : custom.slice(0, slash);
  const path = slash === -1 ? '' : custom.slice(slash);
  if (!isLegacySuffix(host)) return { url: parseUrl(`${protocol}://${custom}`, custom), legacySuffix: false };
  if (!/^[a-z0-9-]+$/i.test(region)) {
    throw new EndpointError(`region "${region}" cannot be part of a host name (endpoint "${custom}")`, region);
  }
  // The in-tree builder special-cased cn-southeast-1, whose endpoints live under outscale.hk.
  const domain = host.toLowerCase() === 'outscale.com' ? regionDomain(region) : host;
  return { url: parseUrl(`https://api.${region}.${domain}${path}`, custom), legacySuffix: true };
}

// A bare registrable domain (`outscale.com`) can only be the old suffix; anything naming a host
// (`api.…`, three or more labels, an IP address, a port, localhost) is a host.
function isLegacySuffix(host: string): boolean {
  if (host.includes(':') || host.includes('[')) return false;
  const labels = host.split('.');
  if (labels.length !== 2 || labels[0]?.toLowerCase() === 'api') return false;
  return /^[a-z][a-z0-9-]*\.[a-z]{2,}$/i.test(host);
}

function parseUrl(text: string, custom: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointError(`custom endpoint "${custom}" is not a valid URL`, custom);
  }
  if (url.hostname === '') throw new EndpointError(`custom endpoint "${custom}" has no host`, custom);
  if (url.username !== '' || url.password !== '') {
    throw new EndpointError('custom endpoint must not contain a user name or password', url.host);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new EndpointError(`custom endpoint "${custom}" must not have a query or fragment`, custom);
  }
  return url;
}

/** Gives the URL a path ending with `/`; returns the retired path it replaced, if any. */
function normalisePath(url: URL): string | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') {
    url.pathname = '/api/v1/';
    return undefined;
  }
  if (/^\/oapi\/(latest|v0)$/i.test(path)) {
    url.pathname = '/api/v1/';
    return path;
  }
  url.pathname = `${path}/`;
  return undefined;
}

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and ::1. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}
