import { JsonSyntaxError, loadTemplate, SecretRegistry, selectBuilds, TemplateError } from '@osc-packer/builder-core';
import type { CommandContext } from './command-context';
import { createCommandOutput } from './command-output';
import { type Diagnostic, formatDiagnostics, issueList, type Locate } from './diagnostics';
import { resolveRunTemplate } from './load-run-template';
import { type BuildPreparation, type Components, defaultComponents, prepareBuilds } from './prepare-builds';
import type { TemplateOptions } from './template-options';

/** What `osc-packer validate` was asked to do. */
export interface ValidateArguments extends TemplateOptions {
  readonly template: string;
  readonly syntaxOnly: boolean;
  readonly machineReadable: boolean;
}

/** The diagnostics of one prepared build, as Packer's validate and build print them. */
export function buildDiagnostics(preparation: BuildPreparation, locate: Locate): Diagnostic[] {
  const name = JSON.stringify(preparation.build.name);
  const diagnostics: Diagnostic[] = [];
  if (preparation.initError) {
    diagnostics.push({
      severity: 'error',
      summary: `Failed to initialize build ${name}`,
      detail: preparation.initError,
    });
  }
  diagnostics.push(
    ...preparation.warnings.map(
      (warning): Diagnostic => ({
        severity: 'warning',
        summary: `Warning when preparing build: ${name}`,
        detail: warning,
      }),
    ),
  );
  const { builderIssues, pluginIssues } = preparation;
  if (builderIssues.length + pluginIssues.length > 0) {
    const prefix = ['builders', preparation.build.builder.index];
    const detail = issueList([{ issues: builderIssues, prefix }, { issues: pluginIssues }], locate);
    diagnostics.push({ severity: 'error', summary: `Failed to prepare build: ${name}`, detail });
  }
  return diagnostics;
}

/** Turns the errors validation stops on into Packer-style diagnostics; rethrows anything else. */
export function failureDiagnostic(error: unknown, file: string): Diagnostic {
  if (JsonSyntaxError.isInstance(error)) {
    const detail = `Error parsing JSON: ${error.reason}\nAt line ${error.line}, column ${error.column} (offset ${error.offset}):\n${error.excerpt}`;
    return { severity: 'error', summary: `Failed to parse ${error.file ?? file}`, detail };
  }
  if (TemplateError.isInstance(error)) {
    return {
      severity: 'error',
      summary: `Invalid template ${file}`,
      detail: issueList([{ issues: error.issues }], error.locate),
    };
  }
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && 'path' in error) {
    return { severity: 'error', summary: `Failed to read ${String(error.path)}`, detail: error.message };
  }
  throw error;
}

/**
 * `osc-packer validate`: parses the template (stops there with `-syntax-only`), checks it, resolves its
 * variables, selects builds and prepares each (builder, provisioners, post-processors), printing every
 * problem as Packer does. Returns the exit code: 0 valid, 1 invalid.
 */
export async function runValidate(
  args: ValidateArguments,
  context: CommandContext,
  components: Components = defaultComponents(),
): Promise<number> {
  const secrets = new SecretRegistry();
  const out = createCommandOutput(context.io, { machineReadable: args.machineReadable, now: context.now, secrets });
  const diagnostics: Diagnostic[] = [];
  try {
    const template = await loadTemplate(args.template, { cwd: context.io.cwd });
    for (const warning of template.warnings)
      diagnostics.push({ severity: 'warning', summary: 'Template warning', detail: warning });
    if (args.syntaxOnly) {
      if (diagnostics.length) out.say(formatDiagnostics(diagnostics));
      out.say('Syntax-only check passed. Everything looks okay.');
      return 0;
    }
    const run = await resolveRunTemplate(template, args, context.io, context.now());
    secrets.add(...run.variables.secrets);
    const builds = selectBuilds(template, { only: args.only, except: args.except }, run.context);
    const preparations = prepareBuilds(builds, run, components, context.io);
    for (const preparation of preparations) {
      secrets.add(...preparation.secrets);
      diagnostics.push(...buildDiagnostics(preparation, template.locate));
    }
  } catch (error) {
    diagnostics.push(failureDiagnostic(error, args.template));
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    out.error(formatDiagnostics(diagnostics));
    return 1;
  }
  if (diagnostics.length) out.say(formatDiagnostics(diagnostics));
  out.say('The configuration is valid.');
  return 0;
}
