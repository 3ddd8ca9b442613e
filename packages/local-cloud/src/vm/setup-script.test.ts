import { describe, expect, it } from 'vitest';
import { setupScript, shQuote } from './setup-script';

const input = {
  mountPoint: '/tmp/store/mnt',
  emptyDirectory: '/tmp/store/empty',
  overlays: [
    {
      target: '',
      lowers: ['/tmp/store/layers/0-catalog'],
      upper: '/tmp/store/volumes/v/upper',
      work: '/tmp/store/volumes/v/work/root',
    },
    { target: 'var/lib/dpkg', lowers: ['/var/lib/dpkg'], upper: '/u/var/lib/dpkg', work: '/w/var-lib-dpkg' },
  ],
  disks: [{ name: 'sdb', source: '/dev/loop7' }],
  hostname: "it's-a-vm",
  rootless: true,
};

describe('setupScript', () => {
  it('quotes words for sh', () => {
    expect(shQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it('checks every component of a nested mount point before mounting on it', () => {
    const script = setupScript(input, true);
    const lines = script.split('\n');
    const mount = lines.findIndex((line) => line.includes('mount -t overlay') && line.endsWith(`'var/lib/dpkg'`));
    for (const part of ['var', 'var/lib', 'var/lib/dpkg']) {
      const check = lines.indexOf(`mountpoint_dir "$R"/'${part}'`);
      expect(check, part).toBeGreaterThan(-1);
      expect(check).toBeLessThan(mount);
    }
  });

  it('mounts rootless overlays with user xattrs, pivots, and ends as a reaping init', () => {
    const script = setupScript(input, true);
    expect(script).toContain(',userxattr');
    expect(script).toContain('pivot_root . .');
    expect(script).toContain(`hostname 'it'\\''s-a-vm'`);
    expect(script).toMatch(/exec perl -e [\s\S]*waitpid[\s\S]*print "power \$v/);
    expect(setupScript({ ...input, rootless: false }, false)).not.toContain('userxattr');
    expect(setupScript(input, false)).toContain('exec sh -c');
  });

  it('refuses layer paths overlayfs would misread and device names outside /dev', () => {
    const bad = { ...input, overlays: [{ ...input.overlays[0], target: '', lowers: ['/tmp/a:b'] }] };
    expect(() => setupScript(bad as typeof input, true)).toThrow(/must not contain/);
    expect(() => setupScript({ ...input, disks: [{ name: '../sda', source: '/x' }] }, true)).toThrow(/device name/);
  });
});
