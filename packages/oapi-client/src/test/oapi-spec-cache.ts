import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from './oapi-schema';
import type { OapiSpec } from './oapi-spec';

// Parsing the 25,000-line YAML takes 1-2 s, and every test file (each in its own module graph) loads it.
// The parsed form is kept as JSON in the temp directory, keyed by the spec text and by this reader's own
// code, so a changed spec or a changed reader never meets a stale entry.
const defaultDirectory = join(tmpdir(), 'osc-packer-oapi-spec');

let fingerprint: string | undefined;

// The reader's code: the source files beside this module (src/test/*.ts), or the bundle (dist/test/*.js).
function readerFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const self = fileURLToPath(import.meta.url);
  const hash = createHash('sha256');
  const siblings = readdirSync(dirname(self)).filter((name) => extname(name) === extname(self));
  for (const name of siblings.sort()) hash.update(name).update(readFileSync(join(dirname(self), name)));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

function cacheFile(text: string, directory: string): string {
  const specHash = createHash('sha256').update(text).digest('hex');
  return join(directory, `${specHash}-${readerFingerprint()}.json`);
}

/** The parsed spec cached for this text and reader, or undefined (absent, unreadable or malformed). */
export function readCachedSpec(text: string, directory = defaultDirectory): OapiSpec | undefined {
  try {
    const cached: unknown = JSON.parse(readFileSync(cacheFile(text, directory), 'utf8'));
    if (isRecord(cached) && isRecord(cached.schemas) && isRecord(cached.operations))
      return cached as unknown as OapiSpec;
  } catch {
    // No entry yet, or an unreadable one: parse the YAML instead.
  }
  return undefined;
}

/** Stores a parsed spec for {@link readCachedSpec}; a cache that cannot be written is skipped silently. */
export function writeCachedSpec(text: string, spec: OapiSpec, directory = defaultDirectory): void {
  try {
    mkdirSync(directory, { recursive: true });
    const file = cacheFile(text, directory);
    // Write then rename, so a parallel reader sees the whole entry or none.
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, JSON.stringify(spec));
    renameSync(partial, file);
    // Entries of earlier reader versions for the same spec are dead weight (about 300 KB each).
    const prefix = basename(file).split('-')[0] ?? '';
    for (const name of readdirSync(directory)) {
      if (name.startsWith(prefix) && name !== basename(file) && name.endsWith('.json')) {
        rmSync(join(directory, name), { force: true });
      }
    }
  } catch {
    // A read-only or full temp directory only costs speed.
  }
}
