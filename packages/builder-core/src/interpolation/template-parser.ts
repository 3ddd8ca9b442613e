import { didYouMean } from '../config/did-you-mean';
import { InterpolationError } from './interpolation-error';
import type { Command, Operand, Pipeline, TemplateNode } from './template-ast';
import { lexTemplate, type Token } from './template-lexer';

const controlKeywords = new Set(['if', 'else', 'end', 'with', 'range']);
const unsupportedKeywords = new Set(['define', 'template', 'block', 'break', 'continue']);

/**
 * Parses a template in Go's text/template syntax (the subset Packer templates use: actions, pipelines,
 * parentheses, string/number/bool literals, `.Field` chains, `if`/`else`/`with`/`range`/`end`, comments and
 * trim markers). As Go does, it rejects functions that are not defined, even in branches that never run.
 */
export function parseTemplate(template: string, functions: Readonly<Record<string, unknown>>): TemplateNode[] {
  const parser = new Parser(template, lexTemplate(template), functions);
  const { nodes, terminator } = parser.list();
  if (terminator) parser.fail(terminator.pos, `unexpected {{${terminator.keyword}}}`);
  return nodes;
}

interface Terminator {
  keyword: 'else' | 'end';
  pos: number;
  /** For `{{else if ...}}`: the position of `if`. */
  elseIf?: number;
}

class Parser {
  private i = 0;

  constructor(
    private readonly template: string,
    private readonly tokens: readonly Token[],
    private readonly functions: Readonly<Record<string, unknown>>,
  ) {}

  fail(offset: number, reason: string, name?: string): never {
    throw new InterpolationError({ template: this.template, offset, reason, name });
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const token = this.tokens[this.i++];
    if (!token) return this.fail(this.template.length, 'unexpected end of template');
    return token;
  }

  list(): { nodes: TemplateNode[]; terminator?: Terminator } {
    const nodes: TemplateNode[] = [];
    for (let token = this.peek(); token; token = this.peek()) {
      if (token.kind === 'text') {
        this.i++;
        nodes.push({ kind: 'text', text: token.text });
        continue;
      }
      this.next();
      const first = this.peek();
      if (first?.kind === 'identifier' && (first.name === 'end' || first.name === 'else')) {
        this.i++;
        const terminator: Terminator = { keyword: first.name, pos: first.pos };
        const after = this.peek();
        if (first.name === 'else' && after?.kind === 'identifier' && after.name === 'if') {
          this.i++;
          terminator.elseIf = after.pos;
          return { nodes, terminator };
        }
        this.expect('close', `{{${first.name}}} takes no arguments`);
        return { nodes, terminator };
      }
      if (first?.kind === 'identifier' && controlKeywords.has(first.name)) {
        this.i++;
        nodes.push(this.control(first.name as 'if' | 'with' | 'range', first.pos));
        continue;
      }
      const pipeline = this.pipeline(token.pos);
      const close = this.expect('close', 'expected "}}"');
      nodes.push({ kind: 'action', pipeline, source: this.template.slice(token.pos, close.end), pos: token.pos });
    }
    return { nodes };
  }

  private control(keyword: 'if' | 'with' | 'range', pos: number): TemplateNode {
    const pipeline = this.pipeline(pos);
    this.expect('close', 'expected "}}"');
    const body = this.list();
    if (!body.terminator) return this.fail(pos, `missing {{end}} for {{${keyword}}}`);
    let elseBody: TemplateNode[] = [];
    if (body.terminator.keyword === 'else') {
      if (body.terminator.elseIf !== undefined) {
        // `{{else if x}}...{{end}}` is an `if` nested in the else branch, sharing the outer `{{end}}`.
        elseBody = [this.control('if', body.terminator.elseIf)];
      } else {
        const rest = this.list();
        if (rest.terminator?.keyword !== 'end') return this.fail(pos, `missing {{end}} for {{${keyword}}}`);
        elseBody = rest.nodes;
      }
    }
    return { kind: keyword, pipeline, body: body.nodes, elseBody, pos };
  }

  private expect(kind: Token['kind'], reason: string): Token {
    const token = this.peek();
    if (token?.kind !== kind) return this.fail(token?.pos ?? this.template.length, reason);
    this.i++;
    return token;
  }

  private pipeline(pos: number): Pipeline {
    const commands: Command[] = [];
    for (;;) {
      const operands: Operand[] = [];
      for (let token = this.peek(); token && token.kind !== 'pipe'; token = this.peek()) {
        if (token.kind === 'close' || token.kind === 'rparen') break;
        operands.push(this.operand());
      }
      const at = operands[0]?.pos ?? this.peek()?.pos ?? pos;
      if (operands.length === 0) return this.fail(at, commands.length ? 'missing command after "|"' : 'empty action');
      commands.push({ operands, pos: at });
      if (this.peek()?.kind !== 'pipe') return { commands, pos };
      this.i++;
    }
  }

  private operand(): Operand {
    const token = this.next();
    switch (token.kind) {
      case 'string':
      case 'number':
        return { kind: token.kind, value: token.value, pos: token.pos } as Operand;
      case 'field':
        return this.fieldChain(token);
      case 'lparen': {
        const pipeline = this.pipeline(token.pos);
        this.expect('rparen', 'unclosed "(": expected ")"');
        return { kind: 'pipeline', pipeline, pos: token.pos };
      }
      case 'identifier':
        return this.identifier(token.name, token.pos);
      default:
        return this.fail(token.pos, `unexpected ${JSON.stringify(this.template.slice(token.pos, token.end))}`);
    }
  }

  private fieldChain(first: Extract<Token, { kind: 'field' }>): Operand {
    const names = first.name ? [first.name] : [];
    let end = first.end;
    for (let token = this.peek(); token?.kind === 'field' && token.pos === end; token = this.peek()) {
      if (!token.name) return this.fail(token.pos, 'unexpected "." in field name');
      names.push(token.name);
      end = token.end;
      this.i++;
    }
    return { kind: 'field', names, pos: first.pos };
  }

  private identifier(name: string, pos: number): Operand {
    if (name === 'true' || name === 'false') return { kind: 'bool', value: name === 'true', pos };
    if (name === 'nil') return { kind: 'nil', pos };
    if (controlKeywords.has(name)) return this.fail(pos, `unexpected keyword "${name}" inside an action`);
    if (unsupportedKeywords.has(name)) return this.fail(pos, `{{${name}}} is not supported in Packer templates`);
    if (!(name in this.functions)) {
      const suggestion = didYouMean(name, Object.keys(this.functions));
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
      return this.fail(pos, `function "${name}" is not defined${hint}`, name);
    }
    return { kind: 'function', name, pos };
  }
}
