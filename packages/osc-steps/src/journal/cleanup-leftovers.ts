import type { Ui } from '@osc-packer/builder-core';
import type { WaiterOptions, WaitOptions } from '@osc-packer/oapi-client';
import { settleAll } from '../steps/settle-all';
import { deleteLeftover } from './delete-leftover';
import { type FindLeftoversOptions, findLeftovers, type LeftoverBuild, type Leftovers } from './find-leftovers';
import { outstandingEntries } from './journal-document';
import { removeJournalFile, removeStaleTemporaryFiles, writeJournalFile } from './journal-files';
import { deletionOrder, describeLeftover, type LeftoverResource } from './leftover-resource';

/** Options of {@link cleanupLeftovers}: those of findLeftovers, plus how to report and whether to delete. */
export interface CleanupLeftoversOptions extends FindLeftoversOptions {
  /** Show what would be deleted, delete nothing, change no file. */
  dryRun?: boolean;
  ui: Ui;
  /** Polling of the VM termination waits; default the waiters' defaults. */
  waiter?: Partial<WaiterOptions> & Omit<WaitOptions, 'signal'>;
  /** How long deletes refused for eventual consistency are retried. Default 2 minutes. */
  consistencyTimeoutMs?: number;
}

/** What `cleanupLeftovers` did. */
export interface CleanupReport {
  leftovers: Leftovers;
  deleted: LeftoverResource[];
  failed: { resource: LeftoverResource; error: Error }[];
  /** Journal files removed (everything in them is gone or kept). */
  removedFiles: string[];
}

async function cleanBuild(
  build: LeftoverBuild,
  options: CleanupLeftoversOptions,
  report: CleanupReport,
): Promise<void> {
  const client = build.client;
  if (!client) return;
  const env = {
    client,
    waiter: options.waiter ?? {},
    ...(options.consistencyTimeoutMs ? { consistencyTimeoutMs: options.consistencyTimeoutMs } : {}),
  };
  const done = new Set<string>();
  for (const kinds of deletionOrder) {
    const batch = build.resources.filter((resource) => kinds.includes(resource.kind));
    await settleAll(
      batch.map(async (resource) => {
        options.ui.message(`Deleting ${describeLeftover(resource)}`);
        try {
          await deleteLeftover(env, resource, options.signal);
          report.deleted.push(resource);
          done.add(resource.id);
          if (resource.entryKey) done.add(resource.entryKey);
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          report.failed.push({ resource, error: failure });
          options.ui.error(`Could not delete ${describeLeftover(resource)}: ${failure.message}`);
        }
      }),
    ).catch(() => undefined);
  }
  const { file, document } = build;
  if (!file || !document) return;
  for (const entry of document.resources) {
    const gone = build.gone.includes(entry) || build.unknown.some((item) => item.entry === entry);
    if (gone || done.has(entry.key) || (entry.id && done.has(entry.id))) {
      if (entry.state === 'intended' || entry.state === 'created') entry.state = 'deleted';
    }
  }
  const finished = outstandingEntries(document).length === 0;
  if (finished) {
    await removeJournalFile(file);
    report.removedFiles.push(file);
  } else await writeJournalFile(file, { ...document, status: 'ended' });
}

function show(leftovers: Leftovers, ui: Ui, dryRun: boolean): void {
  for (const { file, problem } of leftovers.unreadable) ui.error(`Ignoring ${file}: ${problem}`);
  for (const build of leftovers.builds) {
    const where = build.file ? `journal ${build.file}` : 'found by its tag';
    if (build.skipped) {
      ui.say(`Skipping build ${build.buildId} (${where}): ${build.skipped}`);
      continue;
    }
    ui.say(`Build ${build.buildId} (${where}): ${build.resources.length} resource(s) left`);
    if (dryRun) for (const resource of build.resources) ui.message(`Would delete ${describeLeftover(resource)}`);
    for (const { entry, why } of build.unknown) {
      ui.error(
        `Cannot check a ${entry.kind}${entry.name ? ` "${entry.name}"` : ''}: ${why}; look for it in the console`,
      );
    }
  }
}

/**
 * The logic behind `osc-packer cleanup`: finds what killed builds left (journal first, then the build tag),
 * shows it, and unless `dryRun` deletes it in dependency order (VMs, waiting until terminated; then public
 * IPs, security groups, key pairs, volumes; then images with their snapshots; then snapshots), each kind
 * concurrently, one failure never stopping the others. Journal files whose resources are all gone are
 * removed, as are those of builds that ended cleanly, and the temporary files of writes a dead process
 * left; the others are updated with what was deleted.
 */
export async function cleanupLeftovers(options: CleanupLeftoversOptions): Promise<CleanupReport> {
  const leftovers = await findLeftovers(options);
  const report: CleanupReport = { leftovers, deleted: [], failed: [], removedFiles: [] };
  const dryRun = options.dryRun ?? false;
  show(leftovers, options.ui, dryRun);
  if (dryRun) return report;
  await removeStaleTemporaryFiles(options.journalDir);
  for (const file of leftovers.finishedFiles) {
    await removeJournalFile(file);
    report.removedFiles.push(file);
  }
  for (const build of leftovers.builds) {
    if (!build.skipped) await cleanBuild(build, options, report);
  }
  return report;
}
