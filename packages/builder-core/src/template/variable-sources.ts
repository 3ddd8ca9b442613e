import { readFile as readFileAsync } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConfigIssue } from '../config/config-issue';
import { formatKeyPath } from '../config/key-path';
import { parseJsonDocument } from './json-document';
import { TemplateError } from './template-error';
import { assertJsonVarFile } from './template-file-format';

/** Variables read from one `-var-file`, in file order. */
export interface VarFile {
  readonly path: string;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * Parses a `-var` argument `key=value` (split at the first `=`; the value may be empty or contain `=`).
 * Throws a TemplateError when there is no `=` or no key.
 */
export function parseVarFlag(argument: string): readonly [string, string] {
  const at = argument.indexOf('=');
  if (at <= 0) {
    throw new TemplateError([{ path: '-var', message: `expected key=value, got ${JSON.stringify(argument)}` }]);
  }
  return [argument.slice(0, at), argument.slice(at + 1)];
}

/** Parses the text of a var file: one JSON object of variable names to strings (numbers and booleans allowed). */
export function parseVarFile(text: string, path: string): VarFile {
  const { value } = parseJsonDocument(text, path);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new TemplateError(
      [{ path: '', message: 'a var file must be a JSON object of variable names to values' }],
      path,
    );
  }
  const issues: ConfigIssue[] = [];
  const values: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') values[name] = String(item);
    else issues.push({ path: formatKeyPath([name]), message: 'must be a string, a number or a boolean' });
  }
  if (issues.length > 0) throw new TemplateError(issues, path);
  return { path, values };
}

/** Reads and parses a `-var-file` (relative to `cwd`). Throws JsonSyntaxError, TemplateError or the read error. */
export async function readVarFile(
  path: string,
  options: { cwd?: string; readFile?: (path: string) => Promise<string> } = {},
): Promise<VarFile> {
  assertJsonVarFile(path);
  const absolute = resolve(options.cwd ?? process.cwd(), path);
  const read = options.readFile ?? ((file: string) => readFileAsync(file, 'utf8'));
  return parseVarFile(await read(absolute), path);
}
