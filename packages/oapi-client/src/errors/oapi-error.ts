const marker = Symbol.for('osc-packer.oapi-client.OapiError');

/** One entry of the API's `Errors` array (or the one problem of an `application/problem+json` answer). */
export interface OapiErrorDetail {
  /** A numeric string, e.g. `"4078"`; empty when the answer was a problem document without one. */
  code: string;
  /** A category, e.g. `InvalidParameterValue`. */
  type: string;
  details: string;
}

export interface OapiErrorFields {
  operation: string;
  status: number;
  errors: readonly OapiErrorDetail[];
  requestId?: string;
  retryable: boolean;
  /**
   * The API may have acted on the request before failing (a 5xx other than throttling, or a success status
   * with a broken body): a create retried after it needs an idempotency strategy. Defaults to false.
   */
  ambiguous?: boolean;
  /** The API refused the call because of its rate limits (429, 503, codes 6/24/25). */
  throttling?: boolean;
  /** How long the API asked us to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** Which attempt of the logical call this answer came from (1 for the first). */
  attempt?: number;
  /** A sentence telling a person what to do, e.g. how to fix a skewed clock. */
  hint?: string;
  /** The start of a body that was not an API error document (an HTML page from a proxy, truncated JSON). */
  bodyExcerpt?: string;
}

/** An error answer from the Outscale API, with its machine fields and a message a person can act on. */
export class OapiError extends Error {
  readonly [marker] = true;
  readonly operation: string;
  readonly status: number;
  readonly errors: readonly OapiErrorDetail[];
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  readonly throttling: boolean;
  readonly retryAfterMs: number | undefined;
  readonly attempt: number;
  readonly hint: string | undefined;

  constructor(fields: OapiErrorFields) {
    super(OapiError.describe(fields));
    this.name = 'OapiError';
    this.operation = fields.operation;
    this.status = fields.status;
    this.errors = fields.errors;
    this.requestId = fields.requestId;
    this.retryable = fields.retryable;
    this.ambiguous = fields.ambiguous ?? false;
    this.throttling = fields.throttling ?? false;
    this.retryAfterMs = fields.retryAfterMs;
    this.attempt = fields.attempt ?? 1;
    this.hint = fields.hint;
  }

  /** The first error's code, or undefined when the body had none. */
  get code(): string | undefined {
    const code = this.errors[0]?.code;
    return code === '' ? undefined : code;
  }

  /** The first error's type, or undefined when the body had none. */
  get type(): string | undefined {
    return this.errors[0]?.type;
  }

  /** The first error's details, or undefined when the body had none. */
  get details(): string | undefined {
    return this.errors[0]?.details;
  }

  /** True when any of the errors carries one of these codes. */
  hasCode(...codes: readonly string[]): boolean {
    return this.errors.some((error) => codes.includes(error.code));
  }

  /** True for any OapiError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is OapiError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  private static describe(fields: OapiErrorFields): string {
    const parts = fields.errors.map((e) => {
      const head = e.code ? `[${e.code}] ${e.type}` : e.type;
      return `${head}${e.details ? `: ${e.details}` : ''}`;
    });
    const excerpt = fields.bodyExcerpt ? ` (body starts: ${JSON.stringify(fields.bodyExcerpt)})` : '';
    const what = parts.length > 0 ? parts.join('; ') : `HTTP ${fields.status} with no error details${excerpt}`;
    const notes: string[] = [];
    if (fields.requestId) notes.push(`request id ${fields.requestId}`);
    if (fields.attempt !== undefined && fields.attempt > 1) notes.push(`after ${fields.attempt} attempts`);
    const suffix = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    const hint = fields.hint ? `. ${fields.hint}` : '';
    return `${fields.operation} failed with HTTP ${fields.status}: ${what}${suffix}${hint}`;
  }
}
