import { type ConfigIssue, type KeyPath, parseKeyPath } from '@osc-packer/builder-core';

/** Finds where a key path is written in the template (Template.locate, TemplateError.locate). */
export type Locate = (path: KeyPath) => { line: number; column: number } | undefined;

/** One problem or warning to print, as Packer's diagnostics: a summary and a detail. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
}

/** One issue as a line of Packer's multi-error list, with where its key is written when it can be found. */
export function issueLine(issue: ConfigIssue, locate?: Locate, prefix: readonly (string | number)[] = []): string {
  const at = issue.path ? locate?.([...prefix, ...parseKeyPath(issue.path)]) : undefined;
  const where = at ? ` (line ${at.line}, column ${at.column})` : '';
  return `\t* ${issue.path ? `${issue.path}: ` : ''}${issue.message}${where}`;
}

/**
 * Lists issues as Packer's multi-errors do (`2 errors occurred:` then `\t* path: message`), adding where the
 * key is written in the template. Each group's paths are relative to its `prefix` (`['builders', 0]` for a
 * builder's own keys; none for paths from the template root).
 */
export function issueList(
  groups: readonly { issues: readonly ConfigIssue[]; prefix?: readonly (string | number)[] }[],
  locate?: Locate,
): string {
  const count = groups.reduce((total, group) => total + group.issues.length, 0);
  const head = count === 1 ? '1 error occurred:' : `${count} errors occurred:`;
  const lines = groups.flatMap((group) => group.issues.map((issue) => issueLine(issue, locate, group.prefix)));
  return [head, ...lines].join('\n');
}

/** Formats diagnostics as Packer prints them: `Error: summary`, a blank line, the detail, a blank line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}\n\n${d.detail}\n`)
    .join('\n');
}
