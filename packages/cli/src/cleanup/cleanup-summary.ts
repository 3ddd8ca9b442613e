import type { Ui } from '@osc-packer/builder-core';
import { type CleanupReport, describeLeftover, journalBuildRunning } from '@osc-packer/osc-steps';

/**
 * Prints the end of a cleanup (what a dry run would delete, or what was deleted and what failed) and returns
 * the exit code: 1 when a deletion failed, a resource could not be checked, or a build that is not running
 * could not be examined (no credentials for its endpoint, another account); 0 otherwise.
 */
export function summarizeCleanup(report: CleanupReport, dryRun: boolean, ui: Ui): 0 | 1 {
  const { builds } = report.leftovers;
  const found = builds.flatMap((build) => build.resources);
  if (dryRun) {
    ui.say(`\n==> Dry run: ${found.length} resource(s) would be deleted; nothing was changed.`);
    for (const resource of found) ui.machine('leftover', resource.kind, resource.id);
  } else if (found.length === 0) ui.say('\n==> Nothing to clean up.');
  else {
    ui.say(`\n==> Deleted ${report.deleted.length} of ${found.length} resource(s).`);
    for (const { resource, error } of report.failed) ui.error(`--> ${describeLeftover(resource)}: ${error.message}`);
  }
  const unexamined = builds.filter(
    (build) => build.skipped && !(build.document && journalBuildRunning(build.document)),
  );
  const unknown = builds.flatMap((build) => build.unknown);
  return report.failed.length + unexamined.length + unknown.length > 0 ? 1 : 0;
}
