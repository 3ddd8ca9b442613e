import { InterpolationError } from './interpolation-error';
import { readGoNumber, readGoString } from './template-literals';

/** A token of Go's text/template syntax; `pos`/`end` are offsets in the template text. */
export type Token =
  | { kind: 'text'; text: string; pos: number; end: number }
  | { kind: 'open' | 'close' | 'pipe' | 'lparen' | 'rparen'; pos: number; end: number }
  | { kind: 'identifier'; name: string; pos: number; end: number }
  /** `.Name`; `name` is empty for a lone `.`. */
  | { kind: 'field'; name: string; pos: number; end: number }
  | { kind: 'string'; value: string; pos: number; end: number }
  | { kind: 'number'; value: number; pos: number; end: number };

const spaces = new Set([' ', '\t', '\r', '\n']);
const identifierStart = /[A-Za-z_]/;
const identifierPart = /[A-Za-z0-9_]/;

/**
 * Splits a template into text and action tokens, applying `{{-`/`-}}` whitespace trimming and dropping
 * `{{/* comments *\/}}`, as Go's text/template lexer does.
 */
export function lexTemplate(template: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let trimNextText = false;
  const fail = (offset: number, reason: string): never => {
    throw new InterpolationError({ template, offset, reason });
  };
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    let text = template.slice(i, open === -1 ? template.length : open);
    if (trimNextText) text = text.replace(/^[ \t\r\n]+/, '');
    trimNextText = false;
    if (open === -1) {
      if (text) tokens.push({ kind: 'text', text, pos: i, end: template.length });
      break;
    }
    let j = open + 2;
    if (template[j] === '-' && spaces.has(template[j + 1] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '');
      j += 2;
    }
    if (text) tokens.push({ kind: 'text', text, pos: i, end: open });
    const action = lexAction(template, j, open, fail);
    if (!action.comment) {
      tokens.push({ kind: 'open', pos: open, end: open + 2 }, ...action.tokens);
      tokens.push({ kind: 'close', pos: action.end - 2, end: action.end });
    }
    trimNextText = action.trimRight;
    i = action.end;
  }
  return tokens;
}

type Fail = (offset: number, reason: string) => never;

function lexAction(template: string, start: number, open: number, fail: Fail) {
  const tokens: Token[] = [];
  let i = start;
  while (spaces.has(template[i] ?? '')) i++;
  if (template.startsWith('/*', i)) {
    const close = template.indexOf('*/', i + 2);
    if (close === -1) fail(i, 'unclosed comment');
    return { ...finishAction(template, close + 2, open, tokens, fail), comment: true };
  }
  for (;;) {
    while (spaces.has(template[i] ?? '')) i++;
    if (i >= template.length) return fail(open, 'unclosed action: missing "}}"');
    if (template.startsWith('}}', i) || (template[i] === '-' && template.startsWith('}}', i + 1))) {
      return { ...finishAction(template, i, open, tokens, fail), comment: false };
    }
    const token = lexOperandToken(template, i, fail);
    tokens.push(token);
    i = token.end;
  }
}

function finishAction(template: string, at: number, open: number, tokens: Token[], fail: Fail) {
  let i = at;
  while (spaces.has(template[i] ?? '')) i++;
  let trimRight = false;
  if (template[i] === '-' && template.startsWith('}}', i + 1)) {
    if (!spaces.has(template[i - 1] ?? '')) fail(i, 'a trim marker "-}}" must be preceded by a space');
    trimRight = true;
    i++;
  }
  if (!template.startsWith('}}', i)) fail(i < template.length ? i : open, 'unclosed action: missing "}}"');
  return { tokens, end: i + 2, trimRight };
}

function lexOperandToken(template: string, i: number, fail: Fail): Token {
  const c = template[i] ?? '';
  const simple = { '|': 'pipe', '(': 'lparen', ')': 'rparen' } as const;
  if (c in simple) return { kind: simple[c as keyof typeof simple], pos: i, end: i + 1 };
  if (c === '"' || c === '`' || c === "'") {
    const literal = readGoString(template, i, fail);
    if (c === "'") return { kind: 'number', value: literal.value.codePointAt(0) ?? 0, pos: i, end: literal.end };
    return { kind: 'string', value: literal.value, pos: i, end: literal.end };
  }
  if (c === '.' && !/[0-9]/.test(template[i + 1] ?? '')) {
    let end = i + 1;
    while (identifierPart.test(template[end] ?? '')) end++;
    return { kind: 'field', name: template.slice(i + 1, end), pos: i, end };
  }
  if (/[0-9+\-.]/.test(c)) {
    const number = readGoNumber(template, i);
    if (number && identifierPart.test(template[number.end] ?? '')) fail(i, 'bad number syntax');
    if (number) return { kind: 'number', value: number.value, pos: i, end: number.end };
  }
  if (identifierStart.test(c)) {
    let end = i + 1;
    while (identifierPart.test(template[end] ?? '')) end++;
    return { kind: 'identifier', name: template.slice(i, end), pos: i, end };
  }
  if (c === '$') return fail(i, 'template variables ($name) are not supported');
  if (c === ':' || c === '=') return fail(i, 'variable assignment is not supported in templates');
  return fail(i, `unexpected ${JSON.stringify(c)} in action`);
}
