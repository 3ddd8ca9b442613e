import {
  createInterpolationContext,
  type InterpolationContext,
  parseVarFlag,
  type ResolvedVariables,
  readVarFile,
  resolveVariables,
  type Template,
  TemplateError,
  validateTemplate,
} from '@osc-packer/builder-core';
import type { CliIo } from './cli-io';
import type { TemplateOptions } from './template-options';

/** A template ready for build selection: its resolved variables and the run's interpolation context. */
export interface RunTemplate {
  readonly template: Template;
  readonly variables: ResolvedVariables;
  /** User variables resolved, `now` fixed for the run, template path and working directory set. */
  readonly context: InterpolationContext;
}

/**
 * Checks a parsed template as Packer does before preparing builds and resolves its variables from
 * `-var-file` and `-var`. Throws a TemplateError with every problem (template checks and variables together),
 * or the JsonSyntaxError/read error of a var file.
 */
export async function resolveRunTemplate(
  template: Template,
  options: TemplateOptions,
  io: CliIo,
  now: Date,
): Promise<RunTemplate> {
  const varFiles = await Promise.all(options.varFiles.map((file) => readVarFile(file, { cwd: io.cwd })));
  const vars = options.vars.map(parseVarFlag);
  const base = createInterpolationContext({ now, cwd: io.cwd, env: io.env, templatePath: template.path });
  const issues = [...validateTemplate(template, base.packerVersion)];
  let variables: ResolvedVariables = { values: {}, secrets: [] };
  try {
    variables = resolveVariables(template, { varFiles, vars }, base);
  } catch (error) {
    if (!TemplateError.isInstance(error)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new TemplateError(issues, template.path, template.locate);
  return { template, variables, context: { ...base, userVariables: variables.values } };
}
