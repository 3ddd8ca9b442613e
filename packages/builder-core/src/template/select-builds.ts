import type { ConfigIssue } from '../config/config-issue';
import type { InterpolationContext } from '../interpolation/interpolation-context';
import { InterpolationError } from '../interpolation/interpolation-error';
import { renderTemplate } from '../interpolation/render-template';
import type { PostProcessorBlock } from '../post-processors/post-processor-block';
import type { ProvisionerBlock } from '../provisioners/provisioner-block';
import { matchesAnyGlob } from './glob-pattern';
import { TemplateError } from './template-error';
import type { Template, TemplateBuilder, TemplateProvisioner } from './template-model';

/** One build of a template, selected by `-only`/`-except`, with what the engine prepares and runs. */
export interface SelectedBuild {
  /** The build name, rendered (`{{user}}` allowed); what `-only`/`-except` match and the UI prints. */
  readonly name: string;
  readonly builder: TemplateBuilder;
  /** All the template's provisioners (the engine keeps those whose `only`/`except` select the build). */
  readonly provisioners: readonly ProvisionerBlock[];
  readonly errorCleanupProvisioner?: ProvisionerBlock;
  /** The template's post-processor sequences, each cut before a post-processor named in `-except`. */
  readonly postProcessors: readonly (readonly PostProcessorBlock[])[];
}

/** `-only` and `-except`: globs over build names (and, for `-except`, post-processor names). */
export interface BuildFilter {
  readonly only?: readonly string[];
  readonly except?: readonly string[];
}

function provisionerBlock(
  block: TemplateProvisioner,
  path: string,
  context: InterpolationContext,
  issues: ConfigIssue[],
) {
  const { maxRetriesTemplate, ...rest } = block;
  if (maxRetriesTemplate === undefined) return rest;
  let rendered = '';
  try {
    rendered = renderTemplate(maxRetriesTemplate, context).trim();
  } catch (error) {
    if (!InterpolationError.isInstance(error)) throw error;
    issues.push({ path: `${path}.max_retries`, message: error.message });
  }
  if (rendered && !/^\d+$/.test(rendered)) {
    issues.push({ path: `${path}.max_retries`, message: `must be a whole number (got ${JSON.stringify(rendered)})` });
  }
  return { ...rest, maxRetries: /^\d+$/.test(rendered) ? Number(rendered) : undefined };
}

/**
 * Picks the builds to run: renders build names, keeps those matching `-only` (when given) and not matching
 * `-except`, and cuts each post-processor sequence at the first post-processor `-except` names (Packer skips
 * it and the rest of its chain). A pattern that matches nothing is an error naming the builds there are.
 * `context` carries the resolved user variables. Throws a TemplateError with every problem.
 */
export function selectBuilds(template: Template, filter: BuildFilter, context: InterpolationContext): SelectedBuild[] {
  const issues: ConfigIssue[] = [];
  const named = template.builders.map((builder) => {
    try {
      return { builder, name: renderTemplate(builder.name, context) };
    } catch (error) {
      if (!InterpolationError.isInstance(error)) throw error;
      issues.push({ path: `builders[${builder.index}].name`, message: error.message });
      return { builder, name: builder.name };
    }
  });
  const names = named.map(({ name }) => name);
  named.forEach(({ builder, name }, i) => {
    if (names.indexOf(name) !== i)
      issues.push({ path: `builders[${builder.index}].name`, message: `build name "${name}" is used twice` });
  });
  const postProcessorNames = template.postProcessors.flatMap((sequence) => sequence.map((pp) => pp.name ?? pp.type));
  for (const [flag, patterns, candidates] of [
    ['-only', filter.only ?? [], names],
    ['-except', filter.except ?? [], [...names, ...postProcessorNames]],
  ] as const) {
    for (const pattern of patterns) {
      if (!candidates.some((name) => matchesAnyGlob(name, [pattern]))) {
        issues.push({ path: flag, message: `no build matches "${pattern}" (builds: ${names.join(', ')})` });
      }
    }
  }
  const provisioners = template.provisioners.map((p, i) => provisionerBlock(p, `provisioners[${i}]`, context, issues));
  const cleanup = template.errorCleanupProvisioner;
  const errorCleanupProvisioner = cleanup && provisionerBlock(cleanup, 'error-cleanup-provisioner', context, issues);
  const except = filter.except ?? [];
  const postProcessors = template.postProcessors.map((sequence) => {
    const cut = sequence.findIndex((pp) => matchesAnyGlob(pp.name ?? pp.type, except));
    return cut === -1 ? sequence : sequence.slice(0, cut);
  });
  if (issues.length > 0) throw new TemplateError(issues, template.path, template.locate);
  return named
    .filter(({ name }) => (filter.only?.length ? matchesAnyGlob(name, filter.only) : true))
    .filter(({ name }) => !matchesAnyGlob(name, except))
    .map(({ builder, name }) => ({ name, builder, provisioners, errorCleanupProvisioner, postProcessors }));
}
