import { describe, expect, it } from 'vitest';
import { newResourceId, resourceKindOf } from './resource-id';

describe('resource ids', () => {
  it('uses the real API prefixes and 8 hex digits', () => {
    expect(newResourceId('vm')).toMatch(/^i-[0-9a-f]{8}$/);
    expect(newResourceId('image')).toMatch(/^ami-[0-9a-f]{8}$/);
    expect(newResourceId('publicIp')).toMatch(/^eipalloc-[0-9a-f]{8}$/);
  });

  it('is deterministic with an injected random source', () => {
    expect(newResourceId('snapshot', () => Buffer.from([1, 2, 3, 255]))).toBe('snap-010203ff');
  });

  it('reads the kind back from an id', () => {
    expect(resourceKindOf('vol-0a0b0c0d')).toBe('volume');
    expect(resourceKindOf('image-export-0a0b0c0d')).toBe('imageExportTask');
    expect(resourceKindOf('nope')).toBeUndefined();
  });
});
