/** The client's options and its production defaults. */
export { defaultTimeouts, defaultUserAgent, type OapiClientOptions } from './client/client-options';
/** Counters of calls, attempts, retries and throttling, per operation. */
export type { OapiClientStats, OperationStats } from './client/client-stats';
/** Creates the typed, signed, rate-limited, retrying client of one endpoint. */
export { createOapiClient } from './client/create-oapi-client';
/** Static keys or a provider asked before each attempt. */
export type { AccessKeyPair, CredentialSource } from './client/credentials';
/** The client and its call, page and type helpers. */
export type {
  CallOptions,
  ItemOf,
  ItemsField,
  OapiClient,
  PageOptions,
  PaginatedOperation,
  RequestOf,
  ResponseOf,
} from './client/oapi-client';
/** The client-side rate limit (5 requests/s by default). */
export { defaultRateLimit, type RateLimit } from './client/rate-limiter';
/** Predicates over API errors: not found, already exists, conflict, throttling. */
export { isAlreadyExistsError, isConflictError, isNotFoundError, isThrottlingError } from './errors/error-predicates';
/** A create of unknown outcome that cannot be retried safely. */
export { OapiAmbiguousResultError } from './errors/oapi-ambiguous-result-error';
/** A typed error answer of the Outscale API. */
export { OapiError, type OapiErrorDetail, type OapiErrorFields } from './errors/oapi-error';
/** A call that got no complete answer (DNS, connect, TLS, reset, timeout). */
export { type NetworkFailureKind, OapiNetworkError, type OapiNetworkErrorFields } from './errors/oapi-network-error';
/** The wire types of every used operation (names as in the API), `OapiOperations`, `operationInfo`. */
export * from './generated/index-exports';
/** How each operation is kept from acting twice across retries. */
export type { Recovery } from './idempotency/recovery';
/** The recovery an operation gets after an ambiguous failure (safe, client token, lookup, unsafe...). */
export { recoveryFor } from './idempotency/recovery-for';
/** The injected debug logger. */
export type { DebugLogger } from './logging/debug-logger';
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
/** The injectable wait used for backoff and rate limiting. */
export { abortableSleep, type Sleep } from './retry/abortable-sleep';
/** Retry policy: attempts, full-jitter backoff bounds, total time; and the backoff formula. */
export { backoffDelayMs, defaultRetryPolicy, type RetryPolicy } from './retry/retry-policy';
/** Transport timeouts and TLS (mTLS) options. */
export type { TlsOptions, TransportTimeouts } from './transport/http-transport';
/** The generic waiter and what a poll reports. */
export { type PollResult, type WaitForOptions, type WaitOptions, waitFor } from './waiters/wait-for';
/** Waits for an OMI to be available. */
export { waitForImageAvailable } from './waiters/wait-for-image';
/** Waits for a snapshot to be completed. */
export { waitForSnapshotCompleted } from './waiters/wait-for-snapshot';
/** Waits for a VM to be running or stopped, or to be gone. */
export { waitForVmState, waitForVmTerminated } from './waiters/wait-for-vm';
/** Waits for a volume to be available, linked or unlinked. */
export { waitForVolumeAvailable, waitForVolumeLinked, waitForVolumeUnlinked } from './waiters/wait-for-volume';
/** A wait that ended without its target (timeout, failed state, not found, attempt limit). */
export { formatDuration, WaiterError, type WaiterErrorFields, type WaiterErrorKind } from './waiters/waiter-error';
/** Polling settings, their defaults, and their environment variables. */
export {
  defaultWaiterOptions,
  type WaiterOptions,
  waiterEnvVars,
  waiterOptionsFromEnv,
} from './waiters/waiter-options';
