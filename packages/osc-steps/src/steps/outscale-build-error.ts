const marker = Symbol.for('osc-packer.osc-steps.OutscaleBuildError');

/** What went wrong, for programs that branch on it. */
export type OutscaleBuildErrorKind =
  | 'authentication'
  | 'source-omi'
  | 'network'
  | 'name-conflict'
  | 'ssh-address'
  | 'omi-failed'
  | 'invalid-state';

/**
 * A build step failed for a reason a person can act on: the message says what was looked for, what was
 * found, and what to change. The API error behind it (with its code and request id) is the `cause`, and
 * its text is part of the message.
 */
export class OutscaleBuildError extends Error {
  readonly [marker] = true;
  readonly kind: OutscaleBuildErrorKind;

  constructor(kind: OutscaleBuildErrorKind, message: string, options?: { cause?: unknown }) {
    const cause = options?.cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    super(`${message}${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'OutscaleBuildError';
    this.kind = kind;
  }

  /** True for any OutscaleBuildError, even one made by another copy of this package. */
  static isInstance(value: unknown): value is OutscaleBuildError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
