const marker = Symbol.for('osc-packer.oapi-client.OapiError');

/** One entry of the API's `Errors` array. */
export interface OapiErrorDetail {
  /** A numeric string, e.g. `"4078"`. */
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
}

/** An error answer from the Outscale API, with its machine fields and a message a person can act on. */
export class OapiError extends Error {
  readonly [marker] = true;
  readonly operation: string;
  readonly status: number;
  readonly errors: readonly OapiErrorDetail[];
  readonly requestId: string | undefined;
  readonly retryable: boolean;

  constructor(fields: OapiErrorFields) {
    super(OapiError.describe(fields));
    this.name = 'OapiError';
    this.operation = fields.operation;
    this.status = fields.status;
    this.errors = fields.errors;
    this.requestId = fields.requestId;
    this.retryable = fields.retryable;
  }

  /** The first error's code, or undefined when the body had none. */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }

  /** The first error's type, or undefined when the body had none. */
  get type(): string | undefined {
    return this.errors[0]?.type;
  }

  /** True for any OapiError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is OapiError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  private static describe(fields: OapiErrorFields): string {
    const parts = fields.errors.map((e) => `[${e.code}] ${e.type}${e.details ? `: ${e.details}` : ''}`);
    const what = parts.length > 0 ? parts.join('; ') : `HTTP ${fields.status} with no error details`;
    const request = fields.requestId ? ` (request id ${fields.requestId})` : '';
    return `${fields.operation} failed with HTTP ${fields.status}: ${what}${request}`;
  }
}
