import { formatGoValue, isTruthy } from './format-go-value';
import type { InterpolationContext } from './interpolation-context';
import { InterpolationError } from './interpolation-error';
import type { Command, Operand, Pipeline, TemplateNode } from './template-ast';
import type { ParamKind, TemplateFunction } from './template-function';

/** How a render treats what is only allowed in some places. */
export interface EvaluationOptions {
  /** Allow `{{env}}`: only in variable defaults. */
  allowEnv?: boolean;
  /** Copy `{{ .Field }}` and `{{build \`Key\`}}` actions as written, for a later render (variable defaults). */
  passThroughLateReferences?: boolean;
}

type Piped = { value: unknown } | undefined;

function goTypeName(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (value === undefined || value === null) return 'nil';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}

function accepts(kind: ParamKind, value: unknown): boolean {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'int') return typeof value === 'number' && Number.isInteger(value);
  return true;
}

/** Walks a parsed template and produces its text; every failure becomes an InterpolationError at its position. */
export class TemplateEvaluator {
  constructor(
    private readonly template: string,
    private readonly context: InterpolationContext,
    private readonly functions: Readonly<Record<string, TemplateFunction>>,
    private readonly options: EvaluationOptions,
  ) {}

  private fail(offset: number, reason: string, name?: string): never {
    throw new InterpolationError({ template: this.template, offset, reason, name });
  }

  render(nodes: readonly TemplateNode[], dot: unknown): string {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else if (node.kind === 'action') {
        out += this.isLateReference(node.pipeline) ? node.source : formatGoValue(this.pipeline(node.pipeline, dot));
      } else out += this.control(node, dot);
    }
    return out;
  }

  private control(node: Extract<TemplateNode, { kind: 'if' | 'with' | 'range' }>, dot: unknown): string {
    const value = this.pipeline(node.pipeline, dot);
    if (node.kind === 'if') return this.render(isTruthy(value) ? node.body : node.elseBody, dot);
    if (node.kind === 'with') return isTruthy(value) ? this.render(node.body, value) : this.render(node.elseBody, dot);
    const items = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : undefined;
    if (items === undefined && isTruthy(value)) this.fail(node.pos, `range can't iterate over ${formatGoValue(value)}`);
    if (!items || items.length === 0) return this.render(node.elseBody, dot);
    return items.map((item) => this.render(node.body, item)).join('');
  }

  private isLateReference(pipeline: Pipeline): boolean {
    if (!this.options.passThroughLateReferences || pipeline.commands.length !== 1) return false;
    const first = pipeline.commands[0]?.operands[0];
    return first?.kind === 'field' || (first?.kind === 'function' && first.name === 'build');
  }

  private pipeline(pipeline: Pipeline, dot: unknown): unknown {
    let piped: Piped;
    for (const command of pipeline.commands) piped = { value: this.command(command, dot, piped) };
    return piped?.value;
  }

  private command(command: Command, dot: unknown, piped: Piped): unknown {
    const [first, ...rest] = command.operands;
    if (first?.kind === 'function') return this.call(first.name, first.pos, rest, dot, piped);
    if (!first) return this.fail(command.pos, 'empty command');
    if (rest.length > 0 || piped) return this.fail(first.pos, "can't give an argument to a non-function");
    if (first.kind === 'nil') return this.fail(first.pos, 'nil is not a command');
    return this.operand(first, dot);
  }

  private operand(operand: Operand, dot: unknown): unknown {
    switch (operand.kind) {
      case 'string':
      case 'number':
      case 'bool':
        return operand.value;
      case 'nil':
        return null;
      case 'function':
        return this.call(operand.name, operand.pos, [], dot, undefined);
      case 'field':
        return this.field(operand.names, operand.pos, dot);
      case 'pipeline':
        return this.pipeline(operand.pipeline, dot);
    }
  }

  private call(name: string, pos: number, operands: readonly Operand[], dot: unknown, piped: Piped): unknown {
    const fn = this.functions[name];
    if (!fn) return this.fail(pos, `function "${name}" is not defined`, name);
    const args = operands.map((operand) => this.operand(operand, dot));
    if (piped) args.push(piped.value);
    const min = fn.params.length - (fn.optional ?? 0);
    if (args.length < min || (!fn.variadic && args.length > fn.params.length)) {
      const want = fn.variadic ? `at least ${min}` : fn.optional ? `${min} to ${fn.params.length}` : `${min}`;
      this.fail(pos, `wrong number of arguments for ${name}: want ${want}, got ${args.length}`, name);
    }
    args.forEach((arg, i) => {
      const kind = fn.params[i] ?? fn.variadic ?? 'any';
      if (!accepts(kind, arg)) {
        this.fail(
          pos,
          `${name}: argument ${i + 1} must be ${kind === 'int' ? 'an' : 'a'} ${kind} (got ${goTypeName(arg)})`,
          name,
        );
      }
    });
    try {
      return fn.call(args, { context: this.context, allowEnv: this.options.allowEnv ?? false });
    } catch (error) {
      if (InterpolationError.isInstance(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const subject = (error as { subject?: unknown }).subject;
      return this.fail(pos, message, typeof subject === 'string' ? subject : name);
    }
  }

  private field(names: readonly string[], pos: number, dot: unknown): unknown {
    const atRoot = dot === this.context.data;
    if (dot === undefined) {
      const what = names.length ? `.${names.join('.')}` : '.';
      return this.fail(
        pos,
        `{{ ${what} }} is build data, only available in fields rendered during the build`,
        names[0],
      );
    }
    let current = dot;
    names.forEach((name, depth) => {
      if (!current || typeof current !== 'object' || Array.isArray(current)) {
        this.fail(pos, `can't evaluate field ${name} in type ${goTypeName(current)}`, name);
      }
      const record = current as Record<string, unknown>;
      // The root of build data is a fixed set of fields (a Go struct: unknown names are errors); below it are
      // maps such as SourceOMITags, where a missing key reads as an empty string.
      if (!(name in record) && atRoot && depth === 0) {
        this.fail(pos, `build data has no field "${name}" (known: ${Object.keys(record).sort().join(', ')})`, name);
      }
      current = record[name] ?? '';
    });
    return current;
  }
}
