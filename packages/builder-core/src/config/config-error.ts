import type { ConfigIssue } from './config-issue';

const marker = Symbol.for('osc-packer.builder-core.ConfigError');

/** Formats issues one per line as `* path: message` (the path is left out for the block as a whole). */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => `* ${issue.path ? `${issue.path}: ` : ''}${issue.message}`).join('\n');
}

/** A configuration that does not decode: carries every problem at once, each with its key path. */
export class ConfigError extends Error {
  readonly [marker] = true;

  constructor(
    readonly issues: readonly ConfigIssue[],
    /** What was being decoded, e.g. `builder "osc-bsu"`. */
    readonly subject = 'configuration',
  ) {
    const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
    super(`Invalid ${subject} (${count}):\n${formatConfigIssues(issues)}`);
    this.name = 'ConfigError';
  }

  static isInstance(value: unknown): value is ConfigError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
