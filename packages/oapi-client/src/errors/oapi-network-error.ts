const marker = Symbol.for('osc-packer.oapi-client.OapiNetworkError');

/** What went wrong on the wire. */
export type NetworkFailureKind =
  | 'dns'
  | 'connect-refused'
  | 'connect-timeout'
  | 'tls'
  | 'reset'
  | 'headers-timeout'
  | 'body-timeout'
  | 'other';

export interface OapiNetworkErrorFields {
  operation: string;
  /** The endpoint's origin, e.g. `https://api.eu-west-2.outscale.com`. */
  origin: string;
  kind: NetworkFailureKind;
  /**
   * True when the request may have reached the API before the failure, so a create may have happened
   * (a reset or a timeout after the request was sent); false when it certainly did not (no connection).
   */
  ambiguous: boolean;
  retryable: boolean;
  attempt?: number;
  cause: unknown;
}

const descriptions: Record<NetworkFailureKind, string> = {
  dns: 'the host name could not be resolved',
  'connect-refused': 'the connection was refused',
  'connect-timeout': 'the connection timed out',
  tls: 'the TLS handshake failed',
  reset: 'the connection was closed before the answer was complete',
  'headers-timeout': 'no answer arrived in time',
  'body-timeout': 'the answer stopped arriving',
  other: 'the request failed',
};

/** A call that got no (complete) answer from the API: DNS, connection, TLS, reset or timeout. */
export class OapiNetworkError extends Error {
  readonly [marker] = true;
  readonly operation: string;
  readonly origin: string;
  readonly kind: NetworkFailureKind;
  readonly ambiguous: boolean;
  readonly retryable: boolean;
  readonly attempt: number;

  constructor(fields: OapiNetworkErrorFields) {
    super(OapiNetworkError.describe(fields), { cause: fields.cause });
    this.name = 'OapiNetworkError';
    this.operation = fields.operation;
    this.origin = fields.origin;
    this.kind = fields.kind;
    this.ambiguous = fields.ambiguous;
    this.retryable = fields.retryable;
    this.attempt = fields.attempt ?? 1;
  }

  /** True for any OapiNetworkError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is OapiNetworkError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  private static describe(fields: OapiNetworkErrorFields): string {
    const cause = fields.cause instanceof Error ? fields.cause : undefined;
    const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    const detail = cause ? ` (${code ? `${code}: ` : ''}${cause.message})` : '';
    const attempts = fields.attempt !== undefined && fields.attempt > 1 ? ` after ${fields.attempt} attempts` : '';
    return `${fields.operation} to ${fields.origin} failed${attempts}: ${descriptions[fields.kind]}${detail}`;
  }
}
