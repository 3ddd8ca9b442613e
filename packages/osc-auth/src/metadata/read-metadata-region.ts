import { type GetOutcome, httpGetText } from './http-get-text';

/** Where Outscale VMs reach their metadata service. */
export const defaultMetadataBaseUrl = 'http://169.254.169.254/latest/meta-data/';

/** Long enough for a VM's metadata service (a few ms), short enough not to hold up a laptop. */
export const defaultMetadataTimeoutMs = 500;

export interface MetadataOptions {
  /** Base URL of the metadata service, ending with `/`; defaults to http://169.254.169.254/latest/meta-data/. */
  baseUrl?: string;
  /** Limit for the whole lookup (connect, answer, body); defaults to 500 ms. */
  timeoutMs?: number;
}

/** The VM's region and subregion, or why they could not be read. */
export type MetadataRegion = { region: string; subregion: string; url: string } | { unavailable: string };

const availabilityZone = 'placement/availability-zone';

/**
 * Asks the VM metadata service for `placement/availability-zone` (e.g. `eu-west-2a`) and returns the
 * region (the subregion minus its last letter). Never throws for a missing, slow or odd service: that
 * is reported as `unavailable`. Rethrows only the caller's own abort.
 */
export async function readMetadataRegion(
  options: MetadataOptions & { signal?: AbortSignal | undefined } = {},
): Promise<MetadataRegion> {
  const base = options.baseUrl ?? defaultMetadataBaseUrl;
  const timeoutMs = options.timeoutMs ?? defaultMetadataTimeoutMs;
  const url = new URL(availabilityZone, base.endsWith('/') ? base : `${base}/`);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let outcome: GetOutcome;
  try {
    outcome = await httpGetText(url, signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) return { unavailable: `no answer from ${url.href} within ${timeoutMs} ms` };
    throw error;
  }
  if ('failed' in outcome) return { unavailable: `${url.href} cannot be reached (${outcome.failed})` };
  if (outcome.status !== 200) return { unavailable: `${url.href} answered HTTP ${outcome.status}` };
  const text = outcome.body.trim();
  const match = /^([a-z]+(?:-[a-z]+)*-\d+)[a-z]$/.exec(text);
  if (!match?.[1]) return { unavailable: `${url.href} answered something that is not a subregion name` };
  return { region: match[1], subregion: text, url: url.href };
}
