import { chmod, lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostUserland } from '../storage/host-userland';

/** One overlay of a VM's root filesystem. */
export interface OverlayMount {
  /** Where it goes, relative to the VM's root: `''` for the root itself, else e.g. `usr`, `var/lib/dpkg`. */
  readonly target: string;
  /** Read-only layers, topmost first (absolute host paths). */
  readonly lowers: readonly string[];
  readonly upper: string;
  readonly work: string;
}

/** The tree-volume fields the plan needs. */
export interface TreeVolumeDirs {
  readonly lowers: readonly { readonly dir: string }[];
  readonly upper: string;
  readonly work: string;
}

/**
 * The overlays of a VM booting from a root volume: the root (the volume's layers under its upper) and,
 * above it, one overlay per directory of the host's userland with the host's directory at the bottom.
 * Per-directory overlays work without root, where an overlay of `/` itself is refused (locked mounts).
 *
 * It prepares the volume's upper and work directories. Every path it touches or hands to mount(2) is
 * checked component by component without following symlinks: the volume's content is the VM's, and a
 * symlink a VM left there (`usr -> /etc`) must not turn into an overlay of a host directory.
 */
export async function planRootMounts(volume: TreeVolumeDirs, userland: HostUserland): Promise<OverlayMount[]> {
  await ensureRealDirectory(volume.work, 'root');
  const mounts: OverlayMount[] = [
    {
      target: '',
      lowers: volume.lowers.map((layer) => layer.dir),
      upper: volume.upper,
      work: join(volume.work, 'root'),
    },
  ];
  const targets = [...userland.directories].sort((a, b) => depth(a) - depth(b));
  for (const target of targets) {
    const lowers: string[] = [];
    for (const layer of volume.lowers) {
      if (await isRealDirectory(layer.dir, target)) lowers.push(join(layer.dir, target));
    }
    lowers.push(join(userland.hostRoot, target));
    await ensureRealDirectory(volume.upper, target);
    const workName = target.replaceAll('/', '-');
    await ensureRealDirectory(volume.work, workName);
    mounts.push({ target, lowers, upper: join(volume.upper, target), work: join(volume.work, workName) });
  }
  return mounts;
}

function depth(path: string): number {
  return path.split('/').length;
}

/** True when `base/relative` is a directory reached through directories only (no symlink on the way). */
export async function isRealDirectory(base: string, relative: string): Promise<boolean> {
  let path = base;
  for (const part of relative.split('/')) {
    path = join(path, part);
    const stats = await lstat(path).catch(() => undefined);
    if (!stats?.isDirectory()) return false;
  }
  return true;
}

/**
 * Makes `base/relative` a directory through directories only: a missing component is created (mode 0755,
 * like the image's), and one that is anything else (a symlink, a file, an overlay whiteout) is replaced.
 */
export async function ensureRealDirectory(base: string, relative: string): Promise<void> {
  let path = base;
  for (const part of relative.split('/')) {
    path = join(path, part);
    const stats = await lstat(path).catch(() => undefined);
    if (stats?.isDirectory()) continue;
    if (stats) await rm(path);
    await mkdir(path);
    await chmod(path, 0o755);
  }
}
