import type { OapiClient } from '@osc-packer/oapi-client';
import { buildTagKey } from './build-tag';
import { type JournalDocument, type JournalEntry, type JournalTarget, outstandingEntries } from './journal-document';
import { readJournalFiles } from './journal-files';
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
  /** Also sweep these build ids by tag, with no journal (e.g. from a build log on another machine). Uses the first client. */
  buildIds?: readonly string[];
  /** Examine builds whose process seems alive too (default: skip them, they are cleaning up themselves). */
  includeRunning?: boolean;
  /** Decides whether a journal's build is still running; default: same host and its process is alive. */
  isRunning?: (document: JournalDocument) => boolean;
  signal?: AbortSignal;
}

function sameTarget(client: OapiClient, target: JournalTarget): boolean {
  const strip = (url: string) => url.replace(/\/+$/, '');
  return strip(client.endpoint.href) === strip(target.endpoint) && client.region === target.region;
}

function accountReader(client: OapiClient, signal?: AbortSignal): () => Promise<string> {
  let account: Promise<string> | undefined;
  return () => {
    account ??= client
      .call('ReadAccounts', {}, signal ? { signal } : {})
      .then(({ Accounts = [] }) => Accounts[0]?.AccountId ?? '');
    return account;
  };
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

async function examine(build: LeftoverBuild, client: OapiClient, signal?: AbortSignal): Promise<void> {
  const account = accountReader(client, signal);
  const document = build.document;
  if (document?.target.accountId) {
    const own = await account();
    if (own !== document.target.accountId) {
      build.skipped = `its resources are in account ${document.target.accountId}, but these credentials are for account ${own}`;
      return;
    }
  }
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
 * Finds what killed builds left (the logic behind `osc-packer cleanup`): each journal file of a build that
 * ended or whose process is gone is matched to the client of its endpoint and Region (and account); its
 * outstanding entries are looked up, then resources carrying its build tag are swept up. Resources marked
 * `kept` (an artifact's OMI and snapshots) are never listed. Reads only; deletes nothing.
 */
export async function findLeftovers(options: FindLeftoversOptions): Promise<Leftovers> {
  const clients: readonly OapiClient[] = Array.isArray(options.clients)
    ? options.clients
    : [options.clients as OapiClient];
  const isRunning = options.isRunning ?? ((document: JournalDocument) => journalBuildRunning(document));
  const result: Leftovers = { builds: [], finishedFiles: [], unreadable: [] };
  for (const journal of await readJournalFiles(options.journalDir)) {
    if ('problem' in journal) {
      result.unreadable.push(journal);
      continue;
    }
    const { file, document } = journal;
    const build: LeftoverBuild = { buildId: document.buildId, file, document, resources: [], gone: [], unknown: [] };
    const client = clients.find((candidate) => sameTarget(candidate, document.target));
    if (document.status === 'ended' && outstandingEntries(document).length === 0) {
      result.finishedFiles.push(file);
      continue;
    }
    if (!options.includeRunning && isRunning(document)) {
      build.skipped = `the build may still be running (process ${document.pid} on ${document.hostname})`;
    } else if (!client) {
      build.skipped = `no credentials given for ${document.target.endpoint} (Region ${document.target.region}; credentials came from ${document.target.credentialSource})`;
    } else {
      build.client = client;
      await examine(build, client, options.signal);
    }
    result.builds.push(build);
  }
  const first = clients[0];
  for (const buildId of options.buildIds ?? []) {
    if (!first || result.builds.some((build) => build.buildId === buildId)) continue;
    const build: LeftoverBuild = { buildId, client: first, resources: [], gone: [], unknown: [] };
    await examine(build, first, options.signal);
    result.builds.push(build);
  }
  return result;
}
