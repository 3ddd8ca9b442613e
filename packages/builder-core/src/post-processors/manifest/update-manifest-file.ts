import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { formatManifest, type ManifestFile, parseManifest } from './manifest-file';

/** Updates of one manifest path in this process, chained so parallel builds never lose each other's entries. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Reads, updates and rewrites a manifest file. Builds of this process take turns; other processes are kept
 * out by Packer's `<output>.lock` file (tried three times, as Packer, then the update goes ahead anyway).
 * The new content replaces the old atomically.
 */
export function updateManifestFile(path: string, update: (manifest: ManifestFile) => ManifestFile): Promise<void> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => withLockFile(path, () => rewrite(path, update)));
  queues.set(path, next);
  next
    .finally(() => {
      if (queues.get(path) === next) queues.delete(path);
    })
    .catch(() => undefined);
  return next;
}

async function rewrite(path: string, update: (manifest: ManifestFile) => ManifestFile): Promise<void> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`Unable to open ${path} for reading: ${(error as Error).message}`, { cause: error });
    }
  }
  let manifest: ManifestFile;
  try {
    manifest = parseManifest(text);
  } catch (error) {
    throw new Error(`Unable to parse content from ${path}: ${(error as Error).message}`, { cause: error });
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, formatManifest(update(manifest)), { mode: 0o664 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`Unable to write ${path}: ${(error as Error).message}`, { cause: error });
  }
}

async function withLockFile(path: string, work: () => Promise<void>): Promise<void> {
  const lock = `${path}.lock`;
  let locked = false;
  for (let attempt = 0; attempt < 3 && !locked; attempt += 1) {
    if (attempt > 0) await delay(attempt * 200);
    try {
      await (await open(lock, 'wx', 0o664)).close();
      locked = true;
    } catch {
      locked = false;
    }
  }
  try {
    await work();
  } finally {
    if (locked) await rm(lock, { force: true });
  }
}
