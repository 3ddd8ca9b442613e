const marker = Symbol.for('osc-packer.oapi-client.OapiAmbiguousResultError');

/**
 * A create that failed in a way that leaves its outcome unknown (the request may have reached the API) and
 * that cannot be retried safely: it has no `ClientToken` and no natural key to look the resource up by.
 * Retrying could create a second resource; giving up may leave one behind, so the message says what to check.
 */
export class OapiAmbiguousResultError extends Error {
  readonly [marker] = true;
  readonly operation: string;
  readonly retryable = false;

  constructor(operation: string, cause: unknown, whatToCheck?: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const check =
      whatToCheck ?? `check the account for a resource ${operation} may have created, and delete it if unused`;
    super(
      `${operation} may or may not have succeeded and is not retried, because a retry could create a duplicate: ` +
        `${reason}. To be safe, ${check}.`,
      { cause },
    );
    this.name = 'OapiAmbiguousResultError';
    this.operation = operation;
  }

  /** True for any OapiAmbiguousResultError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is OapiAmbiguousResultError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
