import { defaultRegion, regionOfHost } from '../endpoint/known-regions';
import { resolveEndpoint } from '../endpoint/resolve-endpoint';
import type { MetadataRegion } from '../metadata/read-metadata-region';
import type { AccessSettings, Sourced } from './access-settings';

export interface ResolvedLocation {
  region: Sourced<string>;
  endpoint: URL;
  endpointSource: string;
  warnings: string[];
}

/**
 * Region and endpoint from the sources in play, field by field, first source wins. Without a region from
 * any of them: the region named by an Outscale endpoint host (`api.<region>.outscale.com`), then the VM
 * metadata service (when allowed), then `eu-west-2`.
 */
export async function resolveLocation(
  sources: readonly AccessSettings[],
  options: { metadata?: (() => Promise<MetadataRegion>) | undefined },
): Promise<ResolvedLocation> {
  const custom = first(sources, (s) => s.endpoint);
  const protocol = first(sources, (s) => s.protocol);
  const region = first(sources, (s) => s.region) ?? (await fallbackRegion(custom, options.metadata));
  const { url, warnings } = resolveEndpoint({
    region: region.value,
    customEndpoint: custom?.value,
    protocol: protocol?.value,
  });
  const hostRegion = regionOfHost(url.hostname);
  if (hostRegion !== undefined && hostRegion !== region.value) {
    warnings.push(
      `region ${region.value} (${region.source}) does not match the endpoint host ${url.hostname}; requests are ` +
        `signed for ${region.value} and the API will refuse them unless that is intended`,
    );
  }
  const endpointSource = custom?.source ?? `derived from region ${region.value}`;
  return { region, endpoint: url, endpointSource, warnings };
}

async function fallbackRegion(
  custom: Sourced<string> | undefined,
  metadata: (() => Promise<MetadataRegion>) | undefined,
): Promise<Sourced<string>> {
  const host = custom ? /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]+)/i.exec(custom.value)?.[1] : undefined;
  const fromHost = host ? regionOfHost(host) : undefined;
  if (custom && fromHost) return { value: fromHost, source: `endpoint host ${host} (${custom.source})` };
  if (metadata) {
    const answer = await metadata();
    if ('region' in answer) {
      return { value: answer.region, source: `VM metadata (subregion ${answer.subregion} at ${answer.url})` };
    }
  }
  return { value: defaultRegion, source: 'default' };
}

function first<T>(sources: readonly AccessSettings[], get: (s: AccessSettings) => T | undefined): T | undefined {
  for (const source of sources) {
    const value = get(source);
    if (value !== undefined) return value;
  }
  return undefined;
}
