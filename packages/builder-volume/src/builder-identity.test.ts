import { describe, expect, it } from 'vitest';
import { builderId, builderTypeNames } from './builder-identity';

describe('builder identity', () => {
  it('answers to both the osc-* and the outscale-* type names', () => {
    expect(builderTypeNames).toEqual(['osc-bsuvolume', 'outscale-bsuvolume']);
  });

  it("reports the BuilderId of Packer's plugin", () => {
    expect(builderId).toBe('oapi.outscale.bsuvolume');
  });
});
