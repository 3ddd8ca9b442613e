const marker = Symbol.for('osc-packer.local-cloud.ApiError');

/** One entry of the `Errors` array the API answers with. */
export interface ApiErrorEntry {
  Code: string;
  Type: string;
  Details: string;
}

/**
 * An error answer of the API, thrown by operation handlers: the HTTP status plus the `Errors` entries the
 * real gateway would send. The dispatcher turns it into the wire body with the request's id.
 */
export class ApiError extends Error {
  readonly [marker] = true;
  readonly status: number;
  readonly entries: readonly ApiErrorEntry[];

  constructor(status: number, code: string, type: string, details = '') {
    super(`[${code}] ${type}${details ? `: ${details}` : ''}`);
    this.name = 'ApiError';
    this.status = status;
    this.entries = [{ Code: code, Type: type, Details: details }];
  }

  static isInstance(value: unknown): value is ApiError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
