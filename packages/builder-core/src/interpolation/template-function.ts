import type { InterpolationContext } from './interpolation-context';

/** The type a template function expects for an argument, checked as Go's text/template does. */
export type ParamKind = 'string' | 'int' | 'any';

/** What a template function sees of the render in progress. */
export interface FunctionScope {
  readonly context: InterpolationContext;
  /** True only while rendering variable defaults: the one place `env` is allowed. */
  readonly allowEnv: boolean;
}

/**
 * A function callable from templates (`{{name arg1 arg2}}`, or `{{arg2 | name arg1}}`). Arguments are
 * type-checked against `params` (the last `optional` ones may be omitted; `variadic` takes any number more)
 * before `call` runs. `call` throws a `TemplateFunctionFailure` (or any Error) to fail the render.
 */
export interface TemplateFunction {
  readonly params: readonly ParamKind[];
  readonly optional?: number;
  readonly variadic?: ParamKind;
  readonly call: (args: readonly unknown[], scope: FunctionScope) => unknown;
}

/** A failure inside a template function; `subject` names the variable or key at fault. */
export class TemplateFunctionFailure extends Error {
  constructor(
    message: string,
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'TemplateFunctionFailure';
  }
}

/** Shorthand for a function of fixed string parameters. */
export function stringFunction(arity: number, fn: (...args: string[]) => unknown): TemplateFunction {
  return { params: Array<ParamKind>(arity).fill('string'), call: (args) => fn(...(args as string[])) };
}
