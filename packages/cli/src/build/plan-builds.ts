import {
  type ConfigIssue,
  type PreparedBuild,
  type SecretRegistry,
  selectBuilds,
  type Template,
} from '@osc-packer/builder-core';
import type { CliIo } from '../cli-io';
import type { Diagnostic } from '../diagnostics';
import { resolveRunTemplate } from '../load-run-template';
import { type BuildPreparation, type Components, type PrepareFlags, prepareBuilds } from '../prepare-builds';
import { buildDiagnostics } from '../run-validate';
import type { TemplateOptions } from '../template-options';
import { toPreparedBuild } from './to-prepared-build';

/** The builds a run will start, and what preparing them had to say. */
export interface BuildPlan {
  /** The builds that prepared cleanly, in template order. */
  readonly builds: readonly PreparedBuild[];
  /** Template warnings and every build's warnings and errors, as Packer prints them before building. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Issues the run adds to a build's own (e.g. settings `--local-cloud` cannot honour), paths in the builder block. */
export type ExtraBuilderIssues = (preparation: BuildPreparation) => readonly ConfigIssue[];

/**
 * Resolves the template's variables, selects builds (`-only`/`-except`) and prepares each as Packer's build
 * does: a build that fails to prepare is reported and left out, the others still run. Registers every
 * secret found (sensitive variables, sensitive fields) with the run's registry. Throws what
 * resolveRunTemplate and selectBuilds throw (TemplateError, a var file's JsonSyntaxError or read error).
 */
export async function planBuilds(
  template: Template,
  options: TemplateOptions & PrepareFlags,
  io: CliIo,
  now: Date,
  components: Components,
  secrets: SecretRegistry,
  extraIssues: ExtraBuilderIssues = () => [],
): Promise<BuildPlan> {
  const diagnostics: Diagnostic[] = template.warnings.map((detail) => ({
    severity: 'warning',
    summary: 'Template warning',
    detail,
  }));
  const run = await resolveRunTemplate(template, options, io, now);
  secrets.add(...run.variables.secrets);
  const selected = selectBuilds(template, { only: options.only, except: options.except }, run.context);
  const builds: PreparedBuild[] = [];
  for (const prepared of prepareBuilds(selected, run, components, io, options)) {
    secrets.add(...prepared.secrets);
    const extra = prepared.initError || prepared.config === undefined ? [] : extraIssues(prepared);
    const preparation = extra.length ? { ...prepared, builderIssues: [...prepared.builderIssues, ...extra] } : prepared;
    diagnostics.push(...buildDiagnostics(preparation, template.locate));
    const build = toPreparedBuild(preparation, { env: io.env, cwd: io.cwd });
    if (build) builds.push(build);
  }
  return { builds, diagnostics };
}
