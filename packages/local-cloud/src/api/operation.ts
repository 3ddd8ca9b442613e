import type { Account } from '../accounts/account-registry';

/** Who calls, and when; given to every operation handler. */
export interface CallContext {
  operation: string;
  requestId: string;
  /** The signing account; undefined only for operations that need no signature and got none. */
  account: Account | undefined;
  now: Date;
}

/** A request body as received: a JSON object whose fields are checked by the handler. */
export type RequestBody = Readonly<Record<string, unknown>>;

/** One API operation: its name, whether it needs a signature, and what it does. */
export interface OperationDefinition {
  name: string;
  /** False for the calls the spec marks `security: []` (ReadRegions, ReadVmTypes, ...). */
  signed: boolean;
  /** Top-level request parameters the operation accepts (DryRun is always accepted). */
  parameters: readonly string[];
  /** Returns the response fields (without ResponseContext); throws ApiError for an error answer. */
  handle(context: CallContext, body: RequestBody): Promise<object> | object;
}
