import type { TargetableUi } from '../ui/ui';
import type { BuildResult } from './run-one-build';

/**
 * Prints the end of a run as Packer does: the builds that errored (`--> name: error`, `error-count` and
 * `error` records), then the artifacts of every build that produced some (`--> name: <artifact>` and the
 * `artifact-count`/`artifact` records existing tooling parses).
 */
export function printBuildSummary(ui: TargetableUi, results: readonly BuildResult[]): void {
  const failed = results.filter((result) => result.error);
  if (failed.length > 0) {
    ui.machine('error-count', String(failed.length));
    ui.error("\n==> Some builds didn't complete successfully and had errors:");
    for (const result of failed) {
      const message = result.error?.message ?? '';
      ui.withTarget(result.name).machine('error', message);
      ui.error(`--> ${result.name}: ${message}`);
    }
  }
  const produced = results.filter((result) => result.artifacts.length > 0);
  if (produced.length === 0) {
    ui.say('\n==> Builds finished but no artifacts were created.');
    return;
  }
  ui.say('\n==> Builds finished. The artifacts of successful builds are:');
  for (const result of produced) {
    const target = ui.withTarget(result.name);
    target.machine('artifact-count', String(result.artifacts.length));
    for (const [index, artifact] of result.artifacts.entries()) {
      const i = String(index);
      target.machine('artifact', i, 'builder-id', artifact.builderId);
      target.machine('artifact', i, 'id', artifact.id);
      target.machine('artifact', i, 'string', artifact.toString());
      target.machine('artifact', i, 'files-count', String(artifact.files.length));
      for (const [fileIndex, file] of artifact.files.entries()) {
        target.machine('artifact', i, 'file', String(fileIndex), file);
      }
      target.machine('artifact', i, 'end');
      ui.say(`--> ${result.name}: ${artifact.toString()}`);
    }
  }
}
