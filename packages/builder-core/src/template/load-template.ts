import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseTemplate } from './parse-template';
import { assertJsonTemplateFile } from './template-file-format';
import type { Template } from './template-model';

/** Options of loadTemplate: where relative paths start, and how files are read (injectable for tests). */
export interface LoadTemplateOptions {
  cwd?: string;
  readFile?: (path: string) => Promise<string>;
}

/**
 * Reads and parses a template file (its absolute path becomes `template.path`, for `{{template_dir}}`).
 * Throws JsonSyntaxError (with the file, line, column and excerpt), TemplateError (also for an HCL2 template
 * or a directory), or the read error.
 */
export async function loadTemplate(path: string, options: LoadTemplateOptions = {}): Promise<Template> {
  const absolute = resolve(options.cwd ?? process.cwd(), path);
  const read = options.readFile ?? ((file: string) => readFile(file, 'utf8'));
  await assertJsonTemplateFile(absolute, path);
  return parseTemplate(await read(absolute), { path: absolute });
}
