/**
 * Regions whose API endpoint osc-auth can derive: the five in the current API description, plus
 * `cn-southeast-1`, which lives under `outscale.hk`.
 */
export const knownRegions: readonly string[] = Object.freeze([
  'eu-west-2',
  'us-east-2',
  'us-west-1',
  'cloudgouv-eu-west-1',
  'ap-northeast-1',
  'cn-southeast-1',
]);

/** The region used when no source names one (as Packer and the Outscale SDKs do). */
export const defaultRegion = 'eu-west-2';

const regionDomains: Readonly<Record<string, string>> = { 'cn-southeast-1': 'outscale.hk' };

/** The domain a region's endpoints live under: `outscale.com`, or `outscale.hk` for `cn-southeast-1`. */
export function regionDomain(region: string): string {
  return regionDomains[region] ?? 'outscale.com';
}

/** The region an Outscale API host names (`api.<region>.outscale.com|hk|jp`), or undefined. */
export function regionOfHost(hostname: string): string | undefined {
  return /^api\.([a-z0-9-]+)\.outscale\.(?:com|hk|jp)$/.exec(hostname.toLowerCase())?.[1];
}

/** A hint for a mistyped region (`eu-west2`, `eu-west-2a`), or an empty string. */
export function regionHint(region: string): string {
  const lower = region.toLowerCase();
  if (knownRegions.includes(lower)) return ` (regions are lower case: did you mean ${lower}?)`;
  const parent = lower.slice(0, -1);
  if (/[a-z]$/.test(lower) && knownRegions.includes(parent)) {
    return ` (${region} looks like a subregion; its region is ${parent})`;
  }
  let best: { region: string; distance: number } | undefined;
  for (const known of knownRegions) {
    const distance = editDistance(lower, known);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { region: known, distance };
  }
  return best ? ` (did you mean ${best.region}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
