import { describe, expect, it } from 'vitest';
import { cleanResourceName } from './clean-resource-name';

describe('cleanResourceName', () => {
  it.each([
    ["packer-debian 12 (2026) [x].v1/a@b_c'd", "packer-debian 12 (2026) [x].v1/a@b_c'd"],
    ['name:with*bad?chars', 'name-with-bad-chars'],
    ['2026-11-26T22:11:19Z', '2026-11-26T22-11-19Z'],
    ['café', 'caf--'],
    ['', ''],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanResourceName(input)).toBe(expected);
  });
});
