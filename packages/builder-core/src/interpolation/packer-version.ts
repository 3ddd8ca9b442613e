/**
 * The Packer version osc-packer behaves as: returned by `{{packer_version}}` and compared with a template's
 * `min_packer_version`. osc-packer implements the JSON template language of this release.
 */
export const emulatedPackerVersion = '1.14.3';

interface ParsedVersion {
  segments: number[];
  prerelease: string;
}

const versionPattern = /^v?(\d+(?:\.\d+)*)(?:-?([0-9A-Za-z.~-]+?))?(?:\+[0-9A-Za-z.~-]+)?$/;

/** Parses a version as HashiCorp's go-version does (`1.5`, `v1.5.0`, `1.6.0-beta1`, `1.2.3+meta`), or undefined. */
export function parseVersion(text: string): ParsedVersion | undefined {
  const match = versionPattern.exec(text.trim());
  if (!match) return undefined;
  const segments = (match[1] ?? '').split('.').map(Number);
  while (segments.length < 3) segments.push(0);
  return { segments, prerelease: match[2] ?? '' };
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1; // a release is newer than any of its prereleases
  if (!b) return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

/** Compares two versions: negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const order = (a.segments[i] ?? 0) - (b.segments[i] ?? 0);
    if (order !== 0) return Math.sign(order);
  }
  return comparePrerelease(a.prerelease, b.prerelease);
}
