import type { ConfigIssue } from '../config/config-issue';
import { didYouMean } from '../config/did-you-mean';
import { formatKeyPath } from '../config/key-path';
import { parseJsonDocument } from './json-document';
import { parsePostProcessorSequence, parseProvisioner } from './parse-template-blocks';
import { TemplateError } from './template-error';
import type { Template, TemplateBuilder, TemplateProvisioner, TemplateVariable } from './template-model';

type Raw = Record<string, unknown>;
type Report = (issue: ConfigIssue) => void;

const rootKeys = [
  'description',
  'min_packer_version',
  'variables',
  'sensitive-variables',
  'builders',
  'provisioners',
  'error-cleanup-provisioner',
  'post-processors',
];

const isObject = (value: unknown): value is Raw => !!value && typeof value === 'object' && !Array.isArray(value);

function list(root: Raw, key: string, report: Report): unknown[] {
  const value = root[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  report({ path: key, message: 'must be a list' });
  return [];
}

function parseVariables(root: Raw, report: Report): TemplateVariable[] {
  const raw = root.variables ?? {};
  const sensitiveRaw = root['sensitive-variables'] ?? [];
  if (!Array.isArray(sensitiveRaw) || !sensitiveRaw.every((name) => typeof name === 'string')) {
    report({ path: 'sensitive-variables', message: 'must be a list of variable names' });
  }
  const sensitive = new Set(Array.isArray(sensitiveRaw) ? sensitiveRaw.map(String) : []);
  if (!isObject(raw)) {
    report({ path: 'variables', message: 'must be an object of variable names to default values' });
    return [];
  }
  return Object.entries(raw).flatMap(([name, value]): TemplateVariable[] => {
    const base = { name, sensitive: sensitive.has(name) };
    if (value === null) return [{ ...base, required: true }];
    // Packer decodes defaults weakly into strings: numbers as written, booleans as "1"/"0".
    if (typeof value === 'string') return [{ ...base, required: false, default: value }];
    if (typeof value === 'number') return [{ ...base, required: false, default: String(value) }];
    if (typeof value === 'boolean') return [{ ...base, required: false, default: value ? '1' : '0' }];
    report({
      path: formatKeyPath(['variables', name]),
      message: 'must be a string, a number, a boolean, or null (required)',
    });
    return [];
  });
}

function parseBuilders(root: Raw, report: Report): TemplateBuilder[] {
  const builders: TemplateBuilder[] = [];
  for (const [index, raw] of list(root, 'builders', report).entries()) {
    const path = `builders[${index}]`;
    if (!isObject(raw)) report({ path, message: 'must be an object with a "type"' });
    else if (typeof raw.type !== 'string' || raw.type === '') report({ path, message: "missing 'type'" });
    else if (raw.name !== undefined && typeof raw.name !== 'string')
      report({ path: `${path}.name`, message: 'must be a string' });
    else {
      const { type, name: rawName, ...config } = raw;
      const name = (rawName as string | undefined) || type;
      if (builders.some((builder) => builder.name === name)) {
        report({ path, message: `a builder named "${name}" already exists; give each builder a distinct "name"` });
      } else builders.push({ index, type, name, config });
    }
  }
  return builders;
}

function optionalString(root: Raw, key: string, report: Report): string | undefined {
  const value = root[key];
  if (value === undefined || typeof value === 'string') return value;
  report({ path: key, message: 'must be a string' });
  return undefined;
}

/**
 * Parses a Packer JSON template and checks its structure, reporting every problem at once: unknown root keys
 * (with a suggestion; `_` keys are comments), builders without a type or with a duplicated name, malformed
 * provisioners and post-processors, bad variable defaults. Duplicated JSON keys keep the last value, as
 * Packer does, with a warning. Throws JsonSyntaxError (line, column, excerpt) or TemplateError.
 */
export function parseTemplate(text: string, options: { path?: string } = {}): Template {
  const document = parseJsonDocument(text, options.path);
  const issues: ConfigIssue[] = [];
  const report: Report = (issue) => issues.push(issue);
  const warnings = document.duplicates.map(
    ({ path, line, column }) =>
      `duplicate key "${String(path[path.length - 1])}" at line ${line}, column ${column}${path.length > 1 ? ` (in ${formatKeyPath(path.slice(0, -1))})` : ''}: the last value is used, as Packer does`,
  );
  const root = document.value;
  if (!isObject(root))
    throw new TemplateError([{ path: '', message: 'a template must be a JSON object' }], options.path);
  const comments: Raw = {};
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('_')) comments[key] = value;
    else if (key === 'push') warnings.push('"push" (Atlas push) was removed from Packer and is ignored');
    else if (!rootKeys.includes(key)) {
      const suggestion = didYouMean(key, rootKeys);
      report({ path: key, message: `unknown root level key${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
    }
  }
  const cleanup = root['error-cleanup-provisioner'];
  const template: Template = {
    path: options.path,
    description: optionalString(root, 'description', report),
    minPackerVersion: optionalString(root, 'min_packer_version', report),
    comments,
    variables: parseVariables(root, report),
    builders: parseBuilders(root, report),
    provisioners: list(root, 'provisioners', report).flatMap(
      (raw, i) => parseProvisioner(raw, `provisioners[${i}]`, report) ?? [],
    ),
    errorCleanupProvisioner:
      cleanup === undefined
        ? undefined
        : (parseProvisioner(cleanup, 'error-cleanup-provisioner', report) as TemplateProvisioner),
    postProcessors: list(root, 'post-processors', report).map((raw, i) =>
      parsePostProcessorSequence(raw, `post-processors[${i}]`, report),
    ),
    warnings,
    locate: document.locate,
  };
  if (issues.length > 0) throw new TemplateError(issues, options.path, document.locate);
  return template;
}
