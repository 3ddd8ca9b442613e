import type { Stats } from 'node:fs';
import { chmod, copyFile, lchown, lstat, lutimes, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../runtime/run-command';

/** Entry stats as `keep` sees them. */
export type TreeEntryStats = Stats;

export interface FilteredCopyOptions {
  /** Whether `src/<relativePath>` is copied; a rejected directory is skipped whole. */
  keep(relativePath: string, stats: TreeEntryStats): boolean;
  /** Keep owners (needs root); otherwise the copy belongs to the current user. */
  preserveOwner: boolean;
}

/**
 * Copies a tree entry by entry, never following symlinks and never reading what `keep` rejects (so a
 * secret is not even transiently copied). Modes and timestamps are kept; owners too with `preserveOwner`.
 */
export async function copyFilteredTree(
  src: string,
  dst: string,
  options: FilteredCopyOptions,
  rel = '',
): Promise<void> {
  const stats = await lstat(src);
  if (rel !== '' && !options.keep(rel, stats)) return;
  if (stats.isDirectory()) {
    await mkdir(dst);
    for (const name of await readdir(src)) {
      await copyFilteredTree(join(src, name), join(dst, name), options, rel === '' ? name : `${rel}/${name}`);
    }
  } else if (stats.isSymbolicLink()) {
    await symlink(await readlink(src), dst);
  } else if (stats.isFile()) {
    await copyFile(src, dst);
  } else {
    return;
  }
  if (options.preserveOwner) await lchown(dst, stats.uid, stats.gid);
  if (!stats.isSymbolicLink()) await chmod(dst, stats.mode & 0o7777);
  await lutimes(dst, stats.atime, stats.mtime);
}

/**
 * Freezes a copy of `src` at `dst` (which must not exist) with `cp -a`: owners, modes, xattrs (overlay's
 * opaque markers), hard links, device nodes (overlay's whiteouts) and symlinks as they are; extents are
 * shared where the filesystem can reflink.
 */
export async function cloneTree(src: string, dst: string): Promise<void> {
  await runCommand('cp', ['-a', '--reflink=auto', '--no-target-directory', src, dst]);
}

/** Copies a (sparse) disk image, sharing extents where possible and keeping holes. */
export async function cloneFile(src: string, dst: string): Promise<void> {
  await runCommand('cp', ['--reflink=auto', '--sparse=always', src, dst]);
}

/**
 * Removes a tree the current user owns, even where a VM left directories without write permission
 * (which stops a plain recursive removal when not root). Never follows symlinks.
 */
export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EACCES' && (error as NodeJS.ErrnoException).code !== 'EPERM') {
      throw error;
    }
    await openUpDirectories(path);
    await rm(path, { recursive: true, force: true });
  }
}

async function openUpDirectories(path: string): Promise<void> {
  const stats = await lstat(path).catch(() => undefined);
  if (!stats?.isDirectory()) return;
  await chmod(path, 0o700).catch(() => {});
  for (const name of await readdir(path).catch(() => [])) await openUpDirectories(join(path, name));
}
