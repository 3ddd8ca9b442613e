import { describe, expect, it } from 'vitest';
import { compileExcludes } from './exclude-matcher';

describe('compileExcludes', () => {
  it.each([
    // pattern, path, isDirectory, excluded
    ['*.log', 'app.log', false, true],
    ['*.log', 'deep/inside/app.log', false, true],
    ['*.log', 'app.log.gz', false, false],
    ['cache', 'cache', true, true],
    ['cache', 'sub/cache', true, true],
    ['cache/', 'cache', false, false],
    ['cache/', 'cache', true, true],
    ['/build', 'build', true, true],
    ['/build', 'src/build', true, false],
    ['src/*.tmp', 'src/a.tmp', false, true],
    ['src/*.tmp', 'src/deep/a.tmp', false, false],
    ['src/**/*.tmp', 'src/deep/er/a.tmp', false, true],
    ['src/**/*.tmp', 'src/a.tmp', false, true],
    ['**/node_modules', 'a/b/node_modules', true, true],
    ['file?.txt', 'file1.txt', false, true],
    ['file?.txt', 'file10.txt', false, false],
    ['[ab].txt', 'a.txt', false, true],
    ['[!ab].txt', 'a.txt', false, false],
    ['[!ab].txt', 'c.txt', false, true],
    ['a+b(c).txt', 'a+b(c).txt', false, true],
  ] as const)('%s on %s (directory: %s) -> %s', (pattern, path, isDirectory, excluded) => {
    expect(compileExcludes([pattern])(path, isDirectory)).toBe(excluded);
  });

  it('excludes nothing without patterns', () => {
    expect(compileExcludes(undefined)('anything', false)).toBe(false);
    expect(compileExcludes(['', '  '])('anything', false)).toBe(false);
  });
});
