import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type JournalDocument, journalDocumentSchema } from './journal-document';
import { processAlive } from './process-alive';

/** A journal file as read from disk: its document, or why it could not be read. */
export type JournalFile = { file: string; document: JournalDocument } | { file: string; problem: string };

/** Reads every `*.json` journal file of a directory (none when it does not exist), sorted by name. */
export async function readJournalFiles(dir: string): Promise<JournalFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(names.map((name) => readJournalFile(join(dir, name))));
}

/** Reads and checks one journal file. */
export async function readJournalFile(file: string): Promise<JournalFile> {
  try {
    const parsed = journalDocumentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return { file, document: parsed.data };
    return { file, problem: `not an osc-packer journal: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  } catch (error) {
    return { file, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Removes a journal file (nothing happens when it is already gone). */
export async function removeJournalFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Writes a journal document back, atomically. */
export async function writeJournalFile(file: string, document: JournalDocument): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/**
 * Removes the temporary files (`<journal>.json.<pid>.tmp`) that an atomic write left when its process died
 * between writing and renaming (a forced exit, a kill): nothing reads them, so they would pile up. Those of
 * a live process are a write in progress and stay. Returns the files removed.
 */
export async function removeStaleTemporaryFiles(
  dir: string,
  alive: (pid: number) => boolean = processAlive,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const stale = names.filter((name) => {
    const pid = /\.json\.(\d+)\.tmp$/.exec(name)?.[1];
    return pid !== undefined && !alive(Number(pid));
  });
  const files = stale.map((name) => join(dir, name));
  await Promise.all(files.map((file) => rm(file, { force: true })));
  return files;
}
