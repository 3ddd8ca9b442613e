import type { z } from 'zod';
import { describeValue } from './coerced-field';
import type { ConfigIssue } from './config-issue';
import { didYouMean } from './did-you-mean';
import { formatKeyPath, type KeyPath } from './key-path';
import { annotationAt, knownKeysAt } from './schema-walk';

type Issue = z.core.$ZodIssue & { input?: unknown };

const typeNames: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
    case 'array':
    case 'set':
      if (small && limit === 1) return 'must have at least one item';
      return `must have ${small ? 'at least' : 'at most'} ${limit} items`;
    default:
      if (inclusive) return `must be ${small ? 'at least' : 'at most'} ${limit}`;
      return `must be ${small ? 'greater' : 'less'} than ${limit}`;
  }
}

function messageOf(issue: Issue, root: z.ZodType): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value': {
      const allowed = issue.values.map((value) => String(value));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, allowed) : undefined;
      return `must be one of: ${allowed.join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`;
    }
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `must match ${String(issue.pattern)}`
        : `must be a valid ${issue.format}`;
    case 'invalid_union': {
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const closest = [...branches].sort((a, b) => a.length - b.length)[0]?.[0];
      return closest ? messageOf({ ...closest, input: issue.input } as Issue, root) : 'is not an accepted form';
    }
    default:
      return issue.message;
  }
}

function withInput(message: string, issue: Issue, sensitive: boolean): string {
  // Custom messages from field helpers already quote the value; secrets are never quoted.
  if (issue.code === 'custom' || issue.input === undefined || sensitive || message.includes('(got ')) return message;
  if (issue.code === 'invalid_union' && typeof issue.input === 'object') return message;
  return `${message} (got ${describeValue(issue.input)})`;
}

/**
 * Turns zod's issues into ConfigIssues with key paths as users write them: one issue per unknown key (with a
 * "did you mean" among the keys accepted there), `is required` for missing fields, allowed values for enums,
 * and the offending value quoted unless the field is sensitive. `prefix` is prepended to every path.
 */
export function zodIssuesToConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  root: z.ZodType,
  prefix: KeyPath = [],
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues as readonly Issue[]) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(root, issue.path);
      for (const key of issue.keys) out.push(unknownKeyIssue([...path, key], known));
      continue;
    }
    const sensitive = annotationAt(root, issue.path).sensitive === true;
    out.push({ path: formatKeyPath(path), message: withInput(messageOf(issue, root), issue, sensitive) });
  }
  return out;
}

/** The issue for a key no schema accepts, with the closest accepted key as a suggestion. */
export function unknownKeyIssue(path: KeyPath, known: readonly string[]): ConfigIssue {
  const key = String(path[path.length - 1]);
  const suggestion = didYouMean(key, known);
  return {
    path: formatKeyPath(path),
    message: `unknown configuration key${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  };
}
