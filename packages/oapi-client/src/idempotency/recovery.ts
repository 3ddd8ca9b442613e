import type { CallOptions, RequestOf, ResponseOf } from '../client/oapi-client';
import type { OperationName } from '../generated/oapi-types';

/** A typed call, as recovery hooks make them (through the same client: signed, limited, retried). */
export type CallFn = <Op extends OperationName>(
  operation: Op,
  input: RequestOf<Op>,
  options?: CallOptions,
) => Promise<ResponseOf<Op>>;

/** What a recovery hook may use. */
export interface RecoveryContext {
  call: CallFn;
  /** The account the keys belong to (ReadAccounts, asked once per client). */
  accountId(): Promise<string | undefined>;
  signal?: AbortSignal;
}

/**
 * How a call is kept from acting twice when an attempt fails ambiguously (the API may have acted: a reset,
 * a timeout after sending, a 5xx) and the call is retried:
 * - `safe`: reads and writes that converge when repeated (CreateTags, Update*, Start/StopVms): just retry.
 * - `client-token`: the API de-duplicates by `ClientToken`; one token per logical call, reused by every attempt.
 * - `delete`: retry; a "not found" answer after an ambiguous failure means the lost attempt did it.
 * - `lookup`: before retrying, look for what the lost attempt created by its natural key and return it.
 * - `recreate`: the result cannot be recovered (a keypair's private key): delete by name, then create again.
 * - `unsafe`: no token, no natural key: end with `OapiAmbiguousResultError` saying what to check.
 * Failures that certainly did not reach the API (throttling, refused connections) are retried in every case.
 */
export interface Recovery<Op extends OperationName> {
  kind: 'safe' | 'client-token' | 'delete' | 'lookup' | 'recreate' | 'unsafe';
  /** Before a retry that follows an ambiguous failure: find what the lost attempt created. */
  findExisting?(ctx: RecoveryContext, input: RequestOf<Op>): Promise<ResponseOf<Op> | undefined>;
  /** Before such a retry: clear the way (CreateKeypair deletes the keypair the lost attempt may have made). */
  prepareRetry?(ctx: RecoveryContext, input: RequestOf<Op>): Promise<void>;
  /** When such a retry fails with `error`: decide whether the lost attempt's work is there, and return it. */
  settle?(ctx: RecoveryContext, input: RequestOf<Op>, error: unknown): Promise<ResponseOf<Op> | undefined>;
  /** For `unsafe`: what a person should check (the end of the error message). */
  whatToCheck?: string;
}

/** One recovery per operation that needs more than the default rules. */
export type RecoveryTable = { [Op in OperationName]?: Recovery<Op> };
