import { goBuiltinFunctions } from './go-builtin-functions';
import type { InterpolationContext } from './interpolation-context';
import { InterpolationError } from './interpolation-error';
import { packerFunctions } from './packer-functions';
import type { Pipeline, TemplateNode } from './template-ast';
import { type EvaluationOptions, TemplateEvaluator } from './template-evaluator';
import type { TemplateFunction } from './template-function';
import { parseTemplate } from './template-parser';

/** Options of `renderTemplate`; the defaults are right everywhere except in variable defaults. */
export type RenderOptions = EvaluationOptions;

const builtins: Readonly<Record<string, TemplateFunction>> = { ...goBuiltinFunctions, ...packerFunctions };
const parsed = new Map<string, TemplateNode[]>();
const cacheLimit = 1000;

function functionsOf(context: InterpolationContext): Readonly<Record<string, TemplateFunction>> {
  // Packer's functions win over a builder's: a template means the same thing whichever builder reads it.
  return context.functions ? { ...context.functions, ...builtins } : builtins;
}

function parse(template: string, functions: Readonly<Record<string, TemplateFunction>>): TemplateNode[] {
  const cacheable = functions === builtins;
  const cached = cacheable ? parsed.get(template) : undefined;
  if (cached) return cached;
  const nodes = parseTemplate(template, functions);
  if (cacheable) {
    if (parsed.size >= cacheLimit) parsed.clear();
    parsed.set(template, nodes);
  }
  return nodes;
}

/**
 * Renders one template string (Packer's JSON template engine: Go text/template with Packer's functions).
 * Strings without `{{` are returned as is. Throws an InterpolationError naming the unknown function,
 * undefined variable or missing build data, with the column of the action at fault.
 */
export function renderTemplate(template: string, context: InterpolationContext, options: RenderOptions = {}): string {
  if (!template.includes('{{')) return template;
  const functions = functionsOf(context);
  const nodes = parse(template, functions);
  return new TemplateEvaluator(template, context, functions, options).render(nodes, context.data);
}

/**
 * Checks a template string that is rendered later (a builder's deferred field) without rendering it: the
 * syntax, that every function exists, that every `{{user \`name\`}}` names a defined variable, and that
 * `{{env}}` is not used. Throws an InterpolationError on the first problem.
 */
export function checkTemplate(template: string, context: InterpolationContext): void {
  if (!template.includes('{{')) return;
  const nodes = parse(template, functionsOf(context));
  const fail = (offset: number, reason: string, name?: string): never => {
    throw new InterpolationError({ template, offset, reason, name });
  };
  const visitPipeline = (pipeline: Pipeline): void => {
    for (const command of pipeline.commands) {
      const [first, second] = command.operands;
      if (first?.kind === 'function' && first.name === 'env') {
        fail(first.pos, 'env is only allowed in the default value of a variable', 'env');
      }
      if (first?.kind === 'function' && first.name === 'user' && second?.kind === 'string') {
        if (context.userVariables[second.value] === undefined) {
          fail(first.pos, `undefined variable "${second.value}"`, second.value);
        }
      }
      for (const operand of command.operands) if (operand.kind === 'pipeline') visitPipeline(operand.pipeline);
    }
  };
  const visit = (list: readonly TemplateNode[]): void => {
    for (const node of list) {
      if (node.kind === 'text') continue;
      visitPipeline(node.pipeline);
      if (node.kind !== 'action') {
        visit(node.body);
        visit(node.elseBody);
      }
    }
  };
  visit(nodes);
}

/** Names of every function templates may call (Packer's and Go's built-ins), for docs and suggestions. */
export function templateFunctionNames(context?: InterpolationContext): string[] {
  return Object.keys(context ? functionsOf(context) : builtins).sort();
}
