/** The wire types of every used operation (names as in the API), `OapiOperations`, `operationInfo`. */
export * from './generated/index-exports';
/** The states of an OMI export task. */
export { type ImageExportTaskState, imageExportTaskStates } from './model/image-export-task-state';
/** The states of an OMI. */
export { type ImageState, imageStates } from './model/image-state';
/** The states of a volume's link to a VM. */
export { type LinkedVolumeState, linkedVolumeStates } from './model/linked-volume-state';
/** Error codes (throttling, authentication, no-such-resource, ...) with their types and statuses. */
export {
  type OapiErrorCodeInfo,
  oapiErrorCodes,
  throttlingErrorCodes,
  throttlingStatuses,
} from './model/oapi-error-codes';
/** The states of a snapshot, and the terminal ones. */
export { type SnapshotState, snapshotStates, terminalSnapshotStates } from './model/snapshot-state';
/** Every operation the project calls or serves. */
export { type UsedOperationName, usedOperations } from './model/used-operations';
/** The states of a VM, and the codes of the `VmStateCodes` filter. */
export { type VmState, vmStateCodes, vmStates } from './model/vm-state';
/** The states of a volume. */
export { type VolumeState, volumeStates } from './model/volume-state';
/** Creates the typed, signed, rate-limited, retrying client of one endpoint. */
export { createOapiClient } from './client/create-oapi-client';
/** The client's options and its production defaults. */
export { defaultTimeouts, defaultUserAgent, type OapiClientOptions } from './client/client-options';
/** The client and its call, page and type helpers. */
export type {
  CallOptions,
  ItemOf,
  ListKey,
  OapiClient,
  PageOptions,
  PaginatedOperation,
  RequestOf,
  ResponseOf,
} from './client/oapi-client';
/** Counters of calls, attempts, retries and throttling, per operation. */
export type { OapiClientStats, OperationStats } from './client/client-stats';
/** Static keys or a provider asked before each attempt. */
export type { AccessKeyPair, CredentialSource } from './client/credentials';
/** The client-side rate limit (5 requests/s by default). */
export { defaultRateLimit, type RateLimit } from './client/rate-limiter';
/** Retry policy: attempts, full-jitter backoff bounds, total time; and the backoff formula. */
export { backoffDelayMs, defaultRetryPolicy, type RetryPolicy } from './retry/retry-policy';
/** The injectable wait used for backoff and rate limiting. */
export { abortableSleep, type Sleep } from './retry/abortable-sleep';
/** Transport timeouts and TLS (mTLS) options. */
export type { TlsOptions, TransportTimeouts } from './transport/http-transport';
/** The injected debug logger. */
export type { DebugLogger } from './logging/debug-logger';
/** A typed error answer of the Outscale API. */
export { OapiError, type OapiErrorDetail, type OapiErrorFields } from './errors/oapi-error';
/** A call that got no complete answer (DNS, connect, TLS, reset, timeout). */
export { type NetworkFailureKind, OapiNetworkError, type OapiNetworkErrorFields } from './errors/oapi-network-error';
/** A create of unknown outcome that cannot be retried safely. */
export { OapiAmbiguousResultError } from './errors/oapi-ambiguous-result-error';
/** Predicates over API errors: not found, already exists, conflict, throttling. */
export { isAlreadyExistsError, isConflictError, isNotFoundError, isThrottlingError } from './errors/error-predicates';
/** How each operation is kept from acting twice across retries. */
export type { Recovery } from './idempotency/recovery';
export { recoveryFor } from './idempotency/recovery-for';
