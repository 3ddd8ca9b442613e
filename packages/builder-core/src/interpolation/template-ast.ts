/** An argument of a command in a template action; `pos` is its offset in the template text. */
export type Operand =
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'bool'; value: boolean; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'function'; name: string; pos: number }
  /** `.A.B` (names ['A', 'B']) or `.` (no names). */
  | { kind: 'field'; names: readonly string[]; pos: number }
  | { kind: 'pipeline'; pipeline: Pipeline; pos: number };

/** Operands separated by spaces: a function call, or a single value. */
export interface Command {
  readonly operands: readonly Operand[];
  readonly pos: number;
}

/** Commands joined by `|`: each result is passed as the last argument of the next command. */
export interface Pipeline {
  readonly commands: readonly Command[];
  readonly pos: number;
}

/** A parsed piece of a template: literal text, an `{{action}}`, or a control structure. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  /** `source` is the action as written, braces included, for pass-through rendering. */
  | { kind: 'action'; pipeline: Pipeline; source: string; pos: number }
  | {
      kind: 'if' | 'with' | 'range';
      pipeline: Pipeline;
      body: readonly TemplateNode[];
      elseBody: readonly TemplateNode[];
      pos: number;
    };
