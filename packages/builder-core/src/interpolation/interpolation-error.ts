const marker = Symbol.for('osc-packer.builder-core.InterpolationError');

/** What went wrong while parsing or rendering a template string. */
export interface InterpolationErrorDetails {
  /** The template string as written. */
  template: string;
  /** Offset in `template` of the offending action or token. */
  offset: number;
  /** What is wrong, e.g. `function "foo" is not defined`. */
  reason: string;
  /** The function or variable at fault, when there is one. */
  name?: string;
}

/**
 * A template string that cannot be parsed or rendered. The message names the function or variable at fault and
 * quotes the template with the column of the offending action.
 */
export class InterpolationError extends Error {
  readonly [marker] = true;
  readonly template: string;
  readonly offset: number;
  readonly reason: string;
  /** The function or variable at fault, when there is one. */
  readonly subject: string | undefined;

  constructor(details: InterpolationErrorDetails) {
    super(`${details.reason} (in ${JSON.stringify(details.template)} at column ${details.offset + 1})`);
    this.name = 'InterpolationError';
    this.template = details.template;
    this.offset = details.offset;
    this.reason = details.reason;
    this.subject = details.name;
  }

  static isInstance(value: unknown): value is InterpolationError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
