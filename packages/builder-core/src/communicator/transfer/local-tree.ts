import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SshError } from '../ssh-error';
import type { ExcludeMatcher } from './exclude-matcher';

/** A regular file to send. */
export interface LocalFile {
  kind: 'file';
  name: string;
  path: string;
  mode: number;
  size: number;
}

/** A directory to send, with its entries sorted by name. */
export interface LocalDirectory {
  kind: 'directory';
  name: string;
  path: string;
  mode: number;
  entries: (LocalFile | LocalDirectory)[];
}

/**
 * Reads a local directory tree for upload, following symbolic links as Packer does (a link to a directory
 * already being copied is skipped, so loops end), leaving out what `isExcluded` matches and anything that is
 * neither a file nor a directory. Throws an SshError (`local`) naming the path it cannot read.
 */
export async function readLocalTree(root: string, isExcluded: ExcludeMatcher): Promise<LocalDirectory> {
  const info = await statLocal(root);
  if (!info.isDirectory()) {
    throw new SshError(`${root} is not a directory`, { reason: 'local' });
  }
  return walk(root, basename(root), '', info.mode, isExcluded, new Set());
}

/** Total size of the files of a tree, for progress. */
export function treeSize(tree: LocalDirectory): number {
  return tree.entries.reduce((sum, e) => sum + (e.kind === 'file' ? e.size : treeSize(e)), 0);
}

async function walk(
  path: string,
  name: string,
  relative: string,
  mode: number,
  isExcluded: ExcludeMatcher,
  visited: Set<string>,
): Promise<LocalDirectory> {
  const real = await realpath(path);
  visited.add(real);
  const directory: LocalDirectory = { kind: 'directory', name, path, mode: mode & 0o7777, entries: [] };
  const names = (await readdir(path).catch((error: unknown) => rethrow(path, error))).sort();
  for (const child of names) {
    const childPath = join(path, child);
    const childRelative = relative === '' ? child : `${relative}/${child}`;
    const info = await statLocal(childPath);
    if (info.isDirectory()) {
      if (isExcluded(childRelative, true) || visited.has(await realpath(childPath))) continue;
      directory.entries.push(await walk(childPath, child, childRelative, info.mode, isExcluded, visited));
    } else if (info.isFile() && !isExcluded(childRelative, false)) {
      directory.entries.push({ kind: 'file', name: child, path: childPath, mode: info.mode & 0o7777, size: info.size });
    }
  }
  visited.delete(real);
  return directory;
}

async function statLocal(path: string) {
  return stat(path).catch((error: unknown) => rethrow(path, error));
}

function rethrow(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  throw new SshError(`cannot read ${path} (${code})`, { reason: 'local', cause: error });
}
