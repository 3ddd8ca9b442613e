import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type JournalDocument, journalDocumentSchema } from './journal-document';

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
