import type { OapiClient } from '@osc-packer/oapi-client';
import { buildTagKey } from './build-tag';
import { type JournalDocument, type JournalEntry, outstandingEntries } from './journal-document';
import { readJournalFiles } from './journal-files';
import { ClientAccounts, clientForTarget, distinctClients } from './leftover-clients';
import { type LeftoverResource, tagResourceKinds } from './leftover-resource';
import { locateEntry } from './locate-entry';
import { journalBuildRunning } from './process-alive';

/** What one build left behind. */
export interface LeftoverBuild {
  buildId: string;
  /** Its journal file, when it has one (a tag-only sweep has none). */
  file?: string | undefined;
  document?: JournalDocument | undefined;
  /** The client that reaches its resources. */
  client?: OapiClient | undefined;
  /** Resources that still exist, in the order found. */
  resources: LeftoverResource[];
  /** Journal entries that no longer exist (deleted by someone, or never created). */
  gone: JournalEntry[];
  /** Journal entries that cannot be checked, with why. */
  unknown: { entry: JournalEntry; why: string }[];
  /** Why this build was not examined (still running, no credentials for its endpoint...). */
  skipped?: string | undefined;
}

/** Everything `findLeftovers` saw. */
export interface Leftovers {
  builds: LeftoverBuild[];
  /** Journal files of builds that ended with nothing left: `cleanupLeftovers` removes them. */
  finishedFiles: string[];
  /** Files of the journal directory that are not readable journals. */
  unreadable: { file: string; problem: string }[];
}

/** Options of {@link findLeftovers}. */
export interface FindLeftoversOptions {
  /** The journal directory (the cli's default is `$XDG_STATE_HOME/osc-packer/journal`). */
  journalDir: string;
  /** Clients of the endpoints and Regions to look in; a journal is matched to the client of its endpoint and Region. */
  clients: OapiClient | readonly OapiClient[];
  /** Also sweep these build ids by tag, with no journal (e.g. from a build log on another machine), with every client. */
  buildIds?: readonly string[];
  /** Examine builds whose process seems alive too (default: skip them, they are cleaning up themselves). */
  includeRunning?: boolean;
  /** Decides whether a journal's build is still running; default: same host and its process is alive. */
  isRunning?: (document: JournalDocument) => boolean;
  signal?: AbortSignal;
}

async function sweepTags(
  client: OapiClient,
  buildId: string,
  known: LeftoverResource[],
  signal?: AbortSignal,
): Promise<LeftoverResource[]> {
  const tags = await client.readAll(
    'ReadTags',
    { Filters: { Keys: [buildTagKey], Values: [buildId] } },
    signal ? { signal } : {},
  );
  const found: LeftoverResource[] = [];
  for (const tag of tags) {
    const kind = tag.ResourceType ? tagResourceKinds[tag.ResourceType] : undefined;
    const id = tag.ResourceId;
    if (!kind || !id || known.some((resource) => resource.id === id) || found.some((resource) => resource.id === id))
      continue;
    if (kind === 'vm') {
      const vm = (await client.readAll('ReadVms', { Filters: { VmIds: [id] } }, signal ? { signal } : {}))[0];
      if (!vm || vm.State === 'terminated') continue;
      found.push({ kind, id, detail: vm.State, foundBy: 'tag' });
    } else if (kind === 'keypair') {
      const pairs = await client.readAll('ReadKeypairs', { Filters: { KeypairIds: [id] } }, signal ? { signal } : {});
      const name = pairs[0]?.KeypairName;
      if (name) found.push({ kind, id, name, foundBy: 'tag' });
    } else found.push({ kind, id, foundBy: 'tag' });
  }
  return found;
}

async function examine(
  build: LeftoverBuild,
  client: OapiClient,
  accounts: ClientAccounts,
  signal?: AbortSignal,
): Promise<void> {
  const account = () => accounts.of(client);
  const document = build.document;
  build.client = client;
  for (const entry of document ? outstandingEntries(document) : []) {
    const location = await locateEntry(client, entry, account, signal);
    if (location.status === 'exists') build.resources.push(location.resource);
    else if (location.status === 'gone') build.gone.push(entry);
    else build.unknown.push({ entry, why: location.why });
  }
  // An artifact keeps its build tag if removing it failed: what the journal marks kept is never swept up.
  const kept = (document?.resources ?? []).flatMap((entry) =>
    entry.state === 'kept' && entry.id ? [{ kind: entry.kind, id: entry.id, foundBy: 'journal' as const }] : [],
  );
  const tagged = await sweepTags(client, build.buildId, [...build.resources, ...kept], signal);
  build.resources.push(...tagged);
}

/**
 * Runs one build's examination; a failure (an account that cannot be read, a lookup the API refused) marks
 * that build skipped, with why, instead of ending the search for every other build. An abort still ends it.
 */
async function examineOrSkip(
  build: LeftoverBuild,
  signal: AbortSignal | undefined,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (signal?.aborted) throw error;
    Object.assign(build, { client: undefined, resources: [], gone: [], unknown: [] });
    build.skipped = `it could not be examined: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Finds what killed builds left (the logic behind `osc-packer cleanup`): each journal file of a build that
 * ended or whose process is gone is matched to the client of its endpoint, Region and account; its
 * outstanding entries are looked up, then resources carrying its build tag are swept up. Resources marked
 * `kept` (an artifact's OMI and snapshots) are never listed. A build that cannot be examined is skipped with
 * the reason. Reads only; deletes nothing.
 */
export async function findLeftovers(options: FindLeftoversOptions): Promise<Leftovers> {
  const clients: readonly OapiClient[] = Array.isArray(options.clients)
    ? options.clients
    : [options.clients as OapiClient];
  const accounts = new ClientAccounts(options.signal);
  const isRunning = options.isRunning ?? ((document: JournalDocument) => journalBuildRunning(document));
  const result: Leftovers = { builds: [], finishedFiles: [], unreadable: [] };
  for (const journal of await readJournalFiles(options.journalDir)) {
    if ('problem' in journal) {
      result.unreadable.push(journal);
      continue;
    }
    const { file, document } = journal;
    const build: LeftoverBuild = { buildId: document.buildId, file, document, resources: [], gone: [], unknown: [] };
    if (document.status === 'ended' && outstandingEntries(document).length === 0) {
      result.finishedFiles.push(file);
      continue;
    }
    if (!options.includeRunning && isRunning(document)) {
      build.skipped = `the build may still be running (process ${document.pid} on ${document.hostname})`;
    } else {
      await examineOrSkip(build, options.signal, async () => {
        const choice = await clientForTarget(clients, document.target, accounts);
        if ('skipped' in choice) build.skipped = choice.skipped;
        else await examine(build, choice.client, accounts, options.signal);
      });
    }
    result.builds.push(build);
  }
  const sweepers = options.buildIds?.length ? await distinctClients(clients, accounts) : [];
  for (const buildId of options.buildIds ?? []) {
    if (result.builds.some((build) => build.buildId === buildId)) continue;
    const swept: LeftoverBuild[] = [];
    for (const client of sweepers) {
      const build: LeftoverBuild = { buildId, resources: [], gone: [], unknown: [] };
      await examineOrSkip(build, options.signal, () => examine(build, client, accounts, options.signal));
      swept.push(build);
    }
    // One entry per account where something was found, or one empty entry to say nothing was.
    const found = swept.filter((build) => build.resources.length > 0);
    result.builds.push(...(found.length > 0 ? found : swept.slice(0, 1)));
  }
  return result;
}
