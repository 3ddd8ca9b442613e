import { describe, expect, it } from 'vitest';
import { buildColor, shouldUseColor } from './ui-color';

describe('shouldUseColor', () => {
  it.each([
    [{ isTTY: true, env: {} }, true],
    [{ isTTY: false, env: {} }, false],
    [{ isTTY: true, env: { NO_COLOR: '1' } }, false],
    [{ isTTY: true, env: { PACKER_NO_COLOR: '1' } }, false],
    [{ isTTY: true, env: {}, flag: false }, false],
    [{ isTTY: true, env: { NO_COLOR: '' }, flag: true }, true],
  ])('%j -> %s', (choice, expected) => expect(shouldUseColor(choice)).toBe(expected));

  it("cycles through Packer's five build colours", () => {
    expect([0, 1, 2, 3, 4, 5].map(buildColor)).toEqual([32, 36, 35, 33, 34, 32]);
  });
});
