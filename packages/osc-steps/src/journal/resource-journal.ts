import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { buildIdOf } from './build-tag';
import {
  type JournalDocument,
  type JournalEntry,
  type JournalResourceKind,
  type JournalTarget,
  journalFormatVersion,
  outstandingEntries,
} from './journal-document';

/** Who the journal belongs to and where its resources live. */
export interface ResourceJournalOptions {
  /** Directory of journal files; undefined keeps the journal in memory only (nothing survives a kill). */
  dir: string | undefined;
  runUuid: string;
  buildName: string;
  builderType: string;
  templatePath?: string | undefined;
  target: JournalTarget;
  /** Injected for tests: the clock, this process's id and host name. */
  now?: () => Date;
  pid?: number;
  hostname?: string;
}

/** What identifies a resource before its id exists. */
export interface JournalIntent {
  name?: string | undefined;
  clientToken?: string | undefined;
  /** The Net of a security group (names are unique per Net). */
  netId?: string | undefined;
  /** The resource this one belongs to (a VM's volume, an image's snapshot). */
  parentId?: string | undefined;
}

/** A journal file's name for a build: the run uuid and the build name, made safe for any file system. */
export function journalFileName(runUuid: string, buildName: string): string {
  return `${runUuid}-${buildName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}.json`;
}

/**
 * The record of one build's resources (style habit 4: record before you create). Every temporary resource is
 * written with `intend` before its create call and completed with `created` right after, `deleted` when its
 * cleanup succeeded, `kept` when it became part of the artifact. Each change rewrites the file atomically
 * (write then rename), in order, before the promise resolves. Never holds a secret.
 */
export class ResourceJournal {
  readonly buildId: string;
  readonly file: string | undefined;
  readonly #document: JournalDocument;
  readonly #now: () => Date;
  #writing: Promise<void> = Promise.resolve();
  #removed = false;

  private constructor(options: ResourceJournalOptions) {
    this.#now = options.now ?? (() => new Date());
    this.buildId = buildIdOf(options.runUuid, options.buildName);
    this.file = options.dir ? join(options.dir, journalFileName(options.runUuid, options.buildName)) : undefined;
    const at = this.#now().toISOString();
    this.#document = {
      version: journalFormatVersion,
      buildId: this.buildId,
      runUuid: options.runUuid,
      buildName: options.buildName,
      builderType: options.builderType,
      ...(options.templatePath ? { templatePath: options.templatePath } : {}),
      pid: options.pid ?? process.pid,
      hostname: options.hostname ?? osHostname(),
      startedAt: at,
      updatedAt: at,
      status: 'running',
      target: { ...options.target },
      resources: [],
    };
  }

  /** Creates the journal and writes its file (creating the directory, mode 0700). Throws when it cannot be written. */
  static async open(options: ResourceJournalOptions): Promise<ResourceJournal> {
    const journal = new ResourceJournal(options);
    if (options.dir) await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await journal.#save();
    return journal;
  }

  /** A copy of the entries, in the order they were recorded. */
  entries(): JournalEntry[] {
    return this.#document.resources.map((entry) => ({ ...entry }));
  }

  /** The entries that may still exist (neither deleted nor kept). */
  outstanding(): JournalEntry[] {
    return outstandingEntries(this.#document);
  }

  /** Records the account id once known (cleanup checks it reaches the same account). */
  async setAccountId(accountId: string): Promise<void> {
    if (this.#document.target.accountId === accountId) return;
    this.#document.target.accountId = accountId;
    await this.#save();
  }

  /** Records a resource about to be created; returns its key for `created`. */
  async intend(kind: JournalResourceKind, intent: JournalIntent = {}): Promise<string> {
    const key = randomUUID();
    this.#document.resources.push({ key, kind, state: 'intended', ...defined(intent), recordedAt: this.#stamp() });
    await this.#save();
    return key;
  }

  /** Records the id of a resource recorded with `intend`. */
  async created(key: string, id: string): Promise<void> {
    const entry = this.#document.resources.find((candidate) => candidate.key === key);
    if (!entry) throw new Error(`journal: no entry ${key}`);
    Object.assign(entry, { id, state: 'created', recordedAt: this.#stamp() });
    await this.#save();
  }

  /** Records a resource that was created by another one (a VM's volumes, an image's snapshots). */
  async adopt(kind: JournalResourceKind, id: string, intent: JournalIntent = {}): Promise<void> {
    if (this.#document.resources.some((entry) => entry.kind === kind && entry.id === id)) return;
    const entry: JournalEntry = { key: randomUUID(), kind, state: 'created', id, ...defined(intent), recordedAt: '' };
    entry.recordedAt = this.#stamp();
    this.#document.resources.push(entry);
    await this.#save();
  }

  /** Marks a resource deleted, by key or id (an intent that never produced a resource counts as deleted). */
  async deleted(keyOrId: string): Promise<void> {
    await this.#mark(keyOrId, 'deleted');
  }

  /** Marks resources as part of the artifact: `osc-packer cleanup` never deletes them. */
  async kept(...ids: string[]): Promise<void> {
    for (const id of ids) this.#set(id, 'kept');
    await this.#save();
  }

  /**
   * Ends the journal: when nothing is outstanding the file is removed, otherwise it stays (status `ended`)
   * for `osc-packer cleanup`. Returns the outstanding entries.
   */
  async finish(): Promise<JournalEntry[]> {
    this.#document.status = 'ended';
    const left = this.outstanding();
    if (left.length > 0 || !this.file) {
      await this.#save();
      return left;
    }
    // An earlier write that failed was reported to its caller; it must not stop the file's removal.
    await this.#writing.catch(() => undefined);
    this.#removed = true;
    await rm(this.file, { force: true });
    return left;
  }

  async #mark(keyOrId: string, state: 'deleted' | 'kept'): Promise<void> {
    if (this.#set(keyOrId, state)) await this.#save();
  }

  #set(keyOrId: string, state: 'deleted' | 'kept'): boolean {
    let changed = false;
    for (const entry of this.#document.resources) {
      if ((entry.key === keyOrId || entry.id === keyOrId) && entry.state !== state) {
        entry.state = state;
        entry.recordedAt = this.#stamp();
        changed = true;
      }
    }
    return changed;
  }

  #stamp(): string {
    const at = this.#now().toISOString();
    this.#document.updatedAt = at;
    return at;
  }

  #save(): Promise<void> {
    const file = this.file;
    if (!file || this.#removed) return Promise.resolve();
    const text = `${JSON.stringify(this.#document, null, 2)}\n`;
    const write = async () => {
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, file);
    };
    this.#writing = this.#writing.then(write, write);
    return this.#writing;
  }
}

function defined(intent: JournalIntent): Partial<JournalEntry> {
  return Object.fromEntries(Object.entries(intent).filter(([, value]) => value !== undefined && value !== ''));
}
