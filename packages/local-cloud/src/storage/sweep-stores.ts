import { randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../runtime/run-command';
import { isOwnerGone, readOwnerMarker, type StoreOwner, storeEnvName } from './store-owner';
import { removeTree } from './tree-copy';

/** The prefix of every store directory's name. */
export const storePrefix = 'osc-local-cloud-';

/** Where a sweep reports what it removed. */
export interface SweepLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface SweepOptions {
  /** The directory stores are made in (the OS temp directory by default). */
  parentDir: string;
  /** A store never to touch (the caller's own). */
  keep?: string;
  logger?: SweepLogger;
}

/** The VM inits (and anything else) still marked with a store directory: what a dead owner left running. */
async function processesOf(storeDir: string): Promise<number[]> {
  const mark = `\0${storeEnvName}=${storeDir}\0`;
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const environ = await readFile(`/proc/${name}/environ`, 'latin1').catch(() => '');
    if (`\0${environ}`.includes(mark)) pids.push(Number(name));
  }
  return pids;
}

/** Loop devices (root only) whose backing file lies in `dirs`. */
async function loopDevicesUnder(dirs: readonly string[]): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const listed = await runCommand('losetup', ['--list', '--noheadings', '--output', 'NAME,BACK-FILE']).catch(() => ({
    stdout: '',
  }));
  return listed.stdout.split('\n').flatMap((line) => {
    const [device = '', ...file] = line.trim().split(/\s+/);
    const backing = file.join(' ');
    return dirs.some((dir) => backing.startsWith(`${dir}/`)) ? [device] : [];
  });
}

async function removeAbandoned(parentDir: string, name: string, owner: StoreOwner): Promise<string> {
  const dir = join(parentDir, name);
  // Renaming claims the store: of two sweeps racing for it, one gets it and the other sees it gone.
  const claimed = join(parentDir, `${storePrefix}swept-${randomBytes(6).toString('hex')}`);
  await rename(dir, claimed);
  const pids = [...(await processesOf(dir)), ...(await processesOf(claimed))];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  const loops = await loopDevicesUnder([dir, claimed]);
  for (const device of loops) await runCommand('losetup', ['--detach', device]).catch(() => undefined);
  await removeTree(claimed);
  const left = [
    pids.length ? `${pids.length} VM processes killed` : '',
    loops.length ? `${loops.length} loop devices detached` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `removed ${dir}, the store of local-cloud process ${owner.pid} (started ${owner.createdAt}), which is gone${left ? ` (${left})` : ''}`;
}

/**
 * Removes the stores that local-cloud processes left behind when they were killed (SIGKILL, a crash):
 * directories named `osc-local-cloud-*` in `parentDir`, owned by this user, whose owner marker names a
 * process that is gone; with them, as root, their loop devices, and any VM process still marked with
 * them. Directories without a marker (not ours, or from an older version) are left alone. Returns what
 * it removed, one sentence each, also given to `logger.info`; a store it cannot remove is reported with
 * `logger.warn` and left.
 */
export async function sweepAbandonedStores(options: SweepOptions): Promise<string[]> {
  const { parentDir, keep, logger } = options;
  const uid = process.getuid?.();
  const removed: string[] = [];
  const names = await readdir(parentDir).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(storePrefix) || join(parentDir, name) === keep) continue;
    const stats = await lstat(join(parentDir, name)).catch(() => undefined);
    if (!stats?.isDirectory() || (uid !== undefined && stats.uid !== uid)) continue;
    const owner = readOwnerMarker(join(parentDir, name));
    if (!owner || !isOwnerGone(owner)) continue;
    try {
      const line = await removeAbandoned(parentDir, name, owner);
      logger?.info(line);
      removed.push(line);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      logger?.warn(`could not remove ${join(parentDir, name)}, left by a local-cloud that is gone: ${String(error)}`);
    }
  }
  return removed;
}
