import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { usedOperations } from '../../src/model/used-operations';
import { findOapiSpecPath, loadOapiSpec } from '../../src/test/load-oapi-spec';
import { emitIndexExports } from './emit-index-exports';
import { emitOapiTypes } from './emit-oapi-types';

const specPath = findOapiSpecPath(import.meta.dirname);
const committed = (file: string) => readFileSync(new URL(`../../src/generated/${file}`, import.meta.url), 'utf8');

describe.skipIf(specPath === undefined)('generated OAPI types (needs <repo root>/../shared/oapi/outscale.yaml)', () => {
  const spec = loadOapiSpec(specPath);

  it('regenerating from the spec yields exactly the committed files', () => {
    expect(emitOapiTypes(spec, usedOperations)).toBe(committed('oapi-types.ts'));
    expect(emitIndexExports(spec, usedOperations)).toBe(committed('index-exports.ts'));
  });

  it('names the spec version, its sha256 and the generator in the header', () => {
    const header = committed('oapi-types.ts').split('\n').slice(0, 6).join('\n');
    expect(header).toContain(`osc-api ${spec.version}`);
    expect(header).toContain(spec.sha256);
    expect(header).toContain('scripts/generate-oapi-types.ts; do not edit');
  });

  it('finds every used operation in the spec with a request and a 200 response schema', () => {
    for (const name of usedOperations) {
      const operation = spec.operations[name];
      expect(operation, name).toBeDefined();
      expect(spec.schemas[operation?.request ?? ''], `${name} request`).toBeDefined();
      expect(spec.schemas[operation?.responses['200'] ?? ''], `${name} 200 response`).toBeDefined();
    }
  });

  it('lists each used operation once', () => {
    expect(new Set(usedOperations).size).toBe(usedOperations.length);
  });

  it('emits required fields without `?`, enums as unions, overlay fields as nullable', () => {
    const text = emitOapiTypes(spec, usedOperations);
    expect(text).toMatch(/export interface DeleteImageRequest \{\n {2}DryRun\?: boolean;\n {2}ImageId: string;\n\}/);
    expect(text).toContain("export type BootMode = 'uefi' | 'legacy';");
    expect(text).toContain('  VmId?: string | null;');
    expect(text).toContain('  NetAccessPointIds?: string[];');
    expect(text).toContain('  NextPageToken?: string;');
    expect(text).not.toContain('The ID of the OMI you want to delete');
    expect(text).not.toContain('virtual machines');
  });

  it('throws on an operation the spec does not have', () => {
    expect(() => emitOapiTypes(spec, ['ReadVms', 'ReadUnicorns'])).toThrow(/ReadUnicorns is not an operation/);
  });
});
