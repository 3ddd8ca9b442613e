import { spawn } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPath, runCommand } from '../runtime/run-command';

/** What `keep` knows of an entry: its type (as find's `%y`: f, d, l, …) and permission bits. */
export interface TreeEntry {
  type: string;
  mode: number;
}

/**
 * Lists `src` (one `find`) and sorts its entries by `keep`: `kept` (with `.` first), and `rejected`, where a
 * rejected directory stands for everything under it.
 */
export async function scanTree(
  src: string,
  keep: (relativePath: string, entry: TreeEntry) => boolean,
): Promise<{ kept: string[]; rejected: string[] }> {
  // find exits 1 when it cannot enter a directory (as a user, e.g. /etc/ssl/private); such a directory is
  // listed all the same, and rejected since it is not world-readable.
  await lstat(src);
  const { stdout } = await runCommand('find', [src, '-mindepth', '1', '-printf', '%y %m %P\\0'], { allowExit: [1] });
  const kept = ['.'];
  const rejected: string[] = [];
  for (const record of stdout.split('\0')) {
    const match = /^(\S) ([0-7]+) (.*)$/s.exec(record);
    if (!match) continue;
    const [, type = '', mode = '', path = ''] = match;
    if (rejected.some((dir) => path.startsWith(`${dir}/`))) continue;
    if (keep(path, { type, mode: Number.parseInt(mode, 8) })) kept.push(path);
    else rejected.push(path);
  }
  return { kept, rejected };
}

/**
 * Copies the entries of `src` that `keep` accepts (a rejected directory is skipped whole) to `dst`, which
 * must not exist: one `find` lists the tree, one `tar` pipe copies it, so a rejected file (a secret) is
 * never read. Symlinks are copied as links; modes and times are kept, owners too with `preserveOwner`.
 */
export async function copyFilteredTree(
  src: string,
  dst: string,
  options: { keep(relativePath: string, entry: TreeEntry): boolean; preserveOwner: boolean },
): Promise<void> {
  const { kept } = await scanTree(src, options.keep);
  await mkdir(dst);
  const owner = options.preserveOwner ? '--same-owner' : '--no-same-owner';
  await pipeCommands(
    [
      'tar',
      '--create',
      '--file=-',
      `--directory=${src}`,
      '--no-recursion',
      '--null',
      '--files-from=-',
      '--numeric-owner',
    ],
    ['tar', '--extract', '--file=-', `--directory=${dst}`, '--preserve-permissions', '--numeric-owner', owner],
    `${kept.join('\0')}\0`,
  );
}

/** Creates overlayfs whiteouts (0/0 character devices, allowed without privileges) at `paths`. */
export async function createWhiteouts(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await runCommand('sh', ['-c', 'for f do mknod "$f" c 0 0 || exit 1; done', 'sh', ...paths]);
}

/** Runs `first | second` (no shell), feeding `input` to the first; rejects if either fails. */
function pipeCommands(first: readonly string[], second: readonly string[], input: string): Promise<void> {
  const start = (argv: readonly string[]) =>
    spawn(argv[0] ?? '', argv.slice(1), { env: { PATH: defaultPath }, stdio: ['pipe', 'pipe', 'pipe'] });
  const [a, b] = [start(first), start(second)];
  a.stdout.pipe(b.stdin);
  a.stdin.end(input);
  b.stdout.resume();
  const done = (child: typeof a, argv: readonly string[]) =>
    new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`${argv.slice(0, 2).join(' ')} failed (${code}): ${stderr.trim()}`)),
      );
    });
  return Promise.all([done(a, first), done(b, second)]).then(() => {});
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
