import { lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planRootMounts } from './mount-plan';

const userland = { hostRoot: '/', directories: ['usr', 'var/lib/dpkg'], topLevelLinks: [], etcFromHost: false };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mount-plan-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('planRootMounts', () => {
  it('stacks the volume on its layers, and each host directory under the layers that have it', async () => {
    const base = tempDir();
    const top = join(base, 'top');
    const bottom = join(base, 'bottom');
    const upper = join(base, 'upper');
    const work = join(base, 'work');
    mkdirSync(join(top, 'usr/local'), { recursive: true });
    mkdirSync(join(bottom, 'var/lib/dpkg'), { recursive: true });
    mkdirSync(upper);
    mkdirSync(work);
    const mounts = await planRootMounts(
      { lowers: [{ dir: top ?? '' }, { dir: bottom ?? '' }], upper: upper, work: work },
      userland,
    );
    expect(mounts.map((m) => m.target)).toEqual(['', 'usr', 'var/lib/dpkg']);
    expect(mounts[0]?.lowers).toEqual([top, bottom]);
    expect(mounts[1]?.lowers).toEqual([join(base, 'top/usr'), '/usr']);
    expect(mounts[2]?.lowers).toEqual([join(base, 'bottom/var/lib/dpkg'), '/var/lib/dpkg']);
    expect(lstatSync(join(base, 'upper/var/lib/dpkg')).isDirectory()).toBe(true);
  });

  it('never follows a symlink a VM left in its volume or a snapshot (it could point at host directories)', async () => {
    const base = tempDir();
    const layer = join(base, 'layer');
    const upper = join(base, 'upper');
    const work = join(base, 'work');
    const decoy = join(base, 'host-etc');
    mkdirSync(decoy);
    mkdirSync(layer);
    mkdirSync(work);
    mkdirSync(join(upper, 'var'), { recursive: true });
    symlinkSync(decoy, join(layer, 'usr'));
    symlinkSync(decoy, join(upper, 'usr'));
    symlinkSync(decoy, join(upper, 'var/lib'));
    const mounts = await planRootMounts({ lowers: [{ dir: layer }], upper: upper, work: work }, userland);
    expect(mounts[1]?.lowers).toEqual(['/usr']);
    expect(lstatSync(join(base, 'upper/usr')).isDirectory()).toBe(true);
    expect(lstatSync(join(base, 'upper/var/lib')).isDirectory()).toBe(true);
    expect(readlinkSync(join(layer, 'usr'))).toBe(decoy);
    expect(lstatSync(join(decoy)).isDirectory()).toBe(true);
    expect(() => lstatSync(join(decoy, 'dpkg'))).toThrow();
  });
});
