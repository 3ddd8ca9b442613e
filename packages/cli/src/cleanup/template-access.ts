import { loadTemplate, type SecretRegistry, selectBuilds } from '@osc-packer/builder-core';
import type { AccessConfig } from '@osc-packer/osc-steps';
import type { CliIo } from '../cli-io';
import { formatDiagnostics, issueList } from '../diagnostics';
import { resolveRunTemplate } from '../load-run-template';
import { defaultComponents, prepareBuilds } from '../prepare-builds';
import { UsageError } from '../usage-error';
import type { CleanupArguments } from './cleanup-arguments';

/**
 * The access settings of each selected build of a template, prepared as `build` would (variables, `-var`,
 * `-var-file`, `-only`/`-except`), with their secrets registered. A template that does not prepare is a
 * UsageError listing its problems.
 */
export async function templateAccess(
  args: CleanupArguments & { template: string },
  io: CliIo,
  now: Date,
  secrets: SecretRegistry,
): Promise<{ name: string; settings: AccessConfig }[]> {
  const template = await loadTemplate(args.template, { cwd: io.cwd });
  const run = await resolveRunTemplate(template, args, io, now);
  secrets.add(...run.variables.secrets);
  const components = defaultComponents();
  const builds = selectBuilds(template, { only: args.only, except: args.except }, run.context);
  const found: { name: string; settings: AccessConfig }[] = [];
  for (const preparation of prepareBuilds(builds, run, components, io)) {
    secrets.add(...preparation.secrets);
    if (preparation.builderIssues.length > 0) {
      const detail = issueList(
        [{ issues: preparation.builderIssues, prefix: ['builders', preparation.build.builder.index] }],
        template.locate,
      );
      throw new UsageError(
        formatDiagnostics([
          { severity: 'error', summary: `Failed to prepare build: "${preparation.build.name}"`, detail },
        ]),
      );
    }
    const settings = components.builders.accessOf(preparation.build.builder.type, preparation.config);
    if (settings) found.push({ name: preparation.build.name, settings });
  }
  return found;
}
