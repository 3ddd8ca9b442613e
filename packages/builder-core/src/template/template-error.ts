import type { ConfigIssue } from '../config/config-issue';
import type { KeyPath } from '../config/key-path';

const marker = Symbol.for('osc-packer.builder-core.TemplateError');

/**
 * A template whose structure, variables or build selection is wrong. Carries every problem at once, each
 * with its key path in the template (`builders[1].type`, `provisioners[0].only`, `variables.region`).
 */
export class TemplateError extends Error {
  readonly [marker] = true;

  constructor(
    readonly issues: readonly ConfigIssue[],
    /** The template file, when known. */
    readonly file?: string,
    /** Where a key path is written in the template, when the JSON parsed (for line numbers in messages). */
    readonly locate?: (path: KeyPath) => { line: number; column: number } | undefined,
  ) {
    const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
    const lines = issues.map((issue) => `* ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    super(`Invalid template${file ? ` ${file}` : ''} (${count}):\n${lines.join('\n')}`);
    this.name = 'TemplateError';
  }

  static isInstance(value: unknown): value is TemplateError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
