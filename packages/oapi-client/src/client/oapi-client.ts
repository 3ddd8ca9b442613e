import type { OapiOperations, OperationName, operationInfo } from '../generated/oapi-types';
import type { OapiClientStats } from './client-stats';

/** The request body type of an operation. */
export type RequestOf<Op extends OperationName> = OapiOperations[Op]['request'];
/** The response body type of an operation. */
export type ResponseOf<Op extends OperationName> = OapiOperations[Op]['response'];

type Info = typeof operationInfo;

/** Operations that take `NextPageToken`/`ResultsPerPage`. */
export type PaginatedOperation = {
  [Op in OperationName]: Info[Op]['paginated'] extends true ? Op : never;
}[OperationName];

/** The response field of a paginated operation that holds its page of items (e.g. `Vms` for ReadVms). */
export type ItemsField<Op extends PaginatedOperation> = Info[Op]['itemsField'] & keyof ResponseOf<Op>;

/** The item type of a paginated operation (e.g. `Vm` for ReadVms). */
export type ItemOf<Op extends PaginatedOperation> =
  NonNullable<ResponseOf<Op>[ItemsField<Op>]> extends readonly (infer Item)[] ? Item : never;

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call at once, also while it waits for the rate limiter or between retries. */
  signal?: AbortSignal;
}

/** Options of `paginate` and `readAll`. */
export interface PageOptions extends CallOptions {
  /** Page size sent as `ResultsPerPage` (1-1000) when the input has none. */
  resultsPerPage?: number;
}

/** A typed, signed, rate-limited, retrying client for one Outscale API endpoint. */
export interface OapiClient {
  /** The base URL calls go to, ending in `/api/v1/` (or whatever path the endpoint was given with). */
  readonly endpoint: URL;
  readonly region: string;
  /**
   * Calls one operation: signs each attempt afresh, retries throttling and transient failures with backoff,
   * makes creates idempotent across retries (see the README's table). Throws `OapiError` (the API said no),
   * `OapiNetworkError` (no complete answer), `OapiAmbiguousResultError` (an unsafe create of unknown
   * outcome), or the signal's reason when aborted.
   */
  call<Op extends OperationName>(operation: Op, input: RequestOf<Op>, options?: CallOptions): Promise<ResponseOf<Op>>;
  /** Yields every page of a paginated operation, following `NextPageToken` until the API returns none. */
  paginate<Op extends PaginatedOperation>(
    operation: Op,
    input: RequestOf<Op>,
    options?: PageOptions,
  ): AsyncIterable<ResponseOf<Op>>;
  /** Reads every page and concatenates their items (e.g. every `Vm` of `readAll('ReadVms', {})`). */
  readAll<Op extends PaginatedOperation>(
    operation: Op,
    input: RequestOf<Op>,
    options?: PageOptions,
  ): Promise<ItemOf<Op>[]>;
  /** Counters since the client was created. */
  readonly stats: OapiClientStats;
  /** Closes the connection pool (not a dispatcher passed in); later calls fail. */
  close(): Promise<void>;
}
