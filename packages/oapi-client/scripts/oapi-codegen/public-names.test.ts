import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8');

// Names inside `export { ... }` / `export type { ... }` lists, without `type ` prefixes.
function exportedNames(source: string): string[] {
  return [...source.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
    (match[1] ?? '')
      .split(',')
      .map((name) => name.trim().replace(/^type /, ''))
      .filter((name) => name !== ''),
  );
}

describe('public names of @osc-packer/oapi-client', () => {
  // index.ts re-exports the generated list with `export *`, where a hand-written export of the same name
  // silently wins; this keeps a wire type from being shadowed (as the schema VmState once was).
  it('no hand-written export of index.ts shadows a generated wire type', () => {
    const generated = new Set(exportedNames(read('generated/index-exports.ts')));
    const handWritten = exportedNames(read('index.ts'));
    expect(generated.size).toBeGreaterThan(100);
    expect(handWritten).toContain('VmState');
    expect(handWritten.filter((name) => generated.has(name))).toEqual([]);
  });
});
