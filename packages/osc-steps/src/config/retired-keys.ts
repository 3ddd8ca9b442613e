import type { ConfigIssue } from '@osc-packer/builder-core';

/**
 * A key found in old docs or AWS-era templates that the Outscale builders cannot honour: `check` says whether a
 * value is harmless (accepted with a warning) or an error, and why.
 */
export interface RetiredKey {
  /** What the key was and what to write instead, for the docs. */
  readonly explanation: string;
  /** A warning or an issue about the key's value, phrased after the key name. */
  check(value: unknown): { warning: string } | { issue: string };
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function virtualizationType(): RetiredKey {
  return {
    explanation: 'Every Outscale OMI is `hvm`: `"hvm"` is accepted with a warning, anything else is an error.',
    check(value) {
      const text = typeof value === 'string' ? value.trim() : undefined;
      // A template expression cannot be judged before it is rendered; it is dropped like "hvm".
      if (text === undefined || (text.toLowerCase() !== 'hvm' && !text.includes('{{') && text !== '')) {
        return { issue: `Outscale OMIs are always hvm; remove it (got ${JSON.stringify(value)})` };
      }
      return { warning: 'has no effect (every Outscale OMI is hvm); remove it' };
    },
  };
}

function unsupported(explanation: string, issue: string): RetiredKey {
  return {
    explanation,
    check: (value) => (isEmpty(value) ? { warning: `${issue}; the empty value is ignored` } : { issue }),
  };
}

/** The retired keys of the Outscale builders that build an OMI (bsu, bsusurrogate, chroot). */
export const retiredOmiKeys: Readonly<Record<string, RetiredKey>> = {
  omi_virtualization_type: virtualizationType(),
  ami_virtualization_type: virtualizationType(),
  snapshot_groups: unsupported(
    'Snapshots are never made public; share them with `snapshot_account_ids`.',
    'is not supported: snapshots are never made public; share them with accounts in snapshot_account_ids',
  ),
};

/** The retired keys of the Outscale builders that launch a VM (bsu, bsusurrogate, bsuvolume). */
export const retiredRunKeys: Readonly<Record<string, RetiredKey>> = {
  spot_price: unsupported('Outscale has no spot VMs.', 'is not supported: Outscale has no spot VMs; remove it'),
  spot_price_auto_product: unsupported(
    'Outscale has no spot VMs.',
    'is not supported: Outscale has no spot VMs; remove it',
  ),
  spot_tags: unsupported('Outscale has no spot VMs.', 'is not supported: Outscale has no spot VMs; remove it'),
};

/**
 * Takes the retired keys out of a raw builder block before decoding: each one becomes a warning (harmless
 * value) or an issue that explains why it cannot be honoured. Returns the other keys untouched.
 */
export function takeRetiredKeys(
  raw: Readonly<Record<string, unknown>>,
  retired: Readonly<Record<string, RetiredKey>>,
): { rest: Record<string, unknown>; issues: ConfigIssue[]; warnings: string[] } {
  const rest: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const entry = Object.hasOwn(retired, key) ? retired[key] : undefined;
    if (!entry) {
      rest[key] = value;
      continue;
    }
    const outcome = entry.check(value);
    if ('issue' in outcome) issues.push({ path: key, message: outcome.issue });
    else warnings.push(`${key}: ${outcome.warning}`);
  }
  return { rest, issues, warnings };
}
