import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../docs/generated-files';
import { bsuConfigSpec } from './bsu-config';

// Appendix D of the reference lists every key the Go plugin's osc-bsu accepts; read it where it lives.
const reference = join(repositoryRoot(), '..', 'shared', 'spec', 'packer-outscale-reference.md');

function goBsuKeys(): string[] {
  const text = readFileSync(reference, 'utf8');
  const appendix = text.slice(text.indexOf('## Appendix D'));
  return [...appendix.matchAll(/^\| `([a-z0-9_]+)` \| (✓?) \|/gm)].flatMap(([, key, bsu]) => (bsu && key ? [key] : []));
}

describe.skipIf(!existsSync(reference))("keys of the Go plugin's osc-bsu (reference, Appendix D)", () => {
  it('accepts every one of them, two as deprecated names', () => {
    const keys = goBsuKeys();
    expect(keys.length).toBeGreaterThan(100);
    const known = new Set(Object.keys(bsuConfigSpec.schema.shape));
    const missing = keys.filter((key) => !known.has(key));
    expect(missing.filter((key) => !Object.hasOwn(bsuConfigSpec.aliases, key))).toEqual([]);
    // Accepted with a warning naming the current key.
    expect(missing).toEqual(['omi_product_codes', 'ssh_wait_timeout']);
  });
});
