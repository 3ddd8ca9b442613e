import type { ConfigIssue } from '../config/config-issue';
import { formatKeyPath } from '../config/key-path';
import type { InterpolationContext } from '../interpolation/interpolation-context';
import { InterpolationError } from '../interpolation/interpolation-error';
import { renderTemplate } from '../interpolation/render-template';
import { TemplateError } from './template-error';
import type { Template } from './template-model';
import type { VarFile } from './variable-sources';

/** Where variable values come from besides the template's defaults. */
export interface VariableInputs {
  /** `-var-file`s in command-line order: later files win over earlier ones and over defaults. */
  readonly varFiles?: readonly VarFile[];
  /** `-var key=value` in command-line order: they win over files and defaults; a later one wins. */
  readonly vars?: readonly (readonly [string, string])[];
}

/** The variables of a run, and the values to scrub (those of `sensitive-variables`). */
export interface ResolvedVariables {
  readonly values: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
}

interface Candidate {
  text: string;
  where: string;
}

// Thrown from a variable lookup; the evaluator turns them into the InterpolationError of the variable using it.
class LookupFailure extends Error {}

/**
 * Resolves user variables as Packer does: template defaults, overridden by var files, overridden by `-var`;
 * every value is then rendered, so it may use `{{env}}` (only here), other variables (in any order) and
 * functions, while `{{ .Field }}` and `{{build}}` are kept for later. Reports every problem at once
 * (required variables not set, loops, template errors) in a TemplateError. `context.env` is the environment.
 */
export function resolveVariables(
  template: Template,
  inputs: VariableInputs,
  context: InterpolationContext,
): ResolvedVariables {
  const candidates = new Map<string, Candidate>();
  for (const variable of template.variables) {
    if (variable.default !== undefined) {
      candidates.set(variable.name, { text: variable.default, where: formatKeyPath(['variables', variable.name]) });
    }
  }
  for (const file of inputs.varFiles ?? []) {
    for (const [name, text] of Object.entries(file.values))
      candidates.set(name, { text, where: `-var-file ${file.path}: ${name}` });
  }
  for (const [name, text] of inputs.vars ?? []) candidates.set(name, { text, where: `-var ${name}` });

  const issues: ConfigIssue[] = [];
  for (const variable of template.variables) {
    if (variable.required && !candidates.has(variable.name)) {
      issues.push({
        path: formatKeyPath(['variables', variable.name]),
        message: `required variable not set: ${variable.name}`,
      });
    }
  }
  const sensitive = new Set(template.variables.filter((v) => v.sensitive).map((v) => v.name));
  const values: Record<string, string> = {};
  const failed = new Set<string>();
  const resolving: string[] = [];
  const lookup = new Proxy({} as Record<string, string>, {
    get: (_, name) => {
      if (typeof name !== 'string') return undefined;
      const value = resolveOne(name);
      if (failed.has(name)) throw new LookupFailure(`variable "${name}" has an error (reported above)`);
      return value;
    },
  });
  const scope = { ...context, userVariables: lookup };

  function resolveOne(name: string): string | undefined {
    if (name in values) return values[name];
    const candidate = candidates.get(name);
    if (!candidate || failed.has(name)) return undefined;
    if (resolving.includes(name)) {
      const loop = [...resolving.slice(resolving.indexOf(name)), name].join(' -> ');
      throw new LookupFailure(`variables refer to each other in a loop: ${loop}`);
    }
    resolving.push(name);
    try {
      values[name] = renderTemplate(candidate.text, scope, { allowEnv: true, passThroughLateReferences: true });
      return values[name];
    } catch (error) {
      if (!InterpolationError.isInstance(error)) throw error;
      failed.add(name);
      // The value of a sensitive variable is never quoted, not even when it is a broken template.
      const message = sensitive.has(name) ? `${error.reason} (in a sensitive value, not shown)` : error.message;
      issues.push({ path: candidate.where, message });
      return undefined;
    } finally {
      resolving.pop();
    }
  }

  for (const name of candidates.keys()) resolveOne(name);
  if (issues.length > 0) throw new TemplateError(issues, template.path, template.locate);
  const secrets = [...sensitive].flatMap((name) => (values[name] ? [values[name]] : []));
  return { values, secrets };
}
