import { type OapiOperations, type OperationName, operationInfo } from '@osc-packer/oapi-client';
import type { CallContext, OperationDefinition, RequestBody } from '../api/operation';

/** The fields an operation answers with, besides ResponseContext (added by the dispatcher). */
export type OperationOutput<Op extends OperationName> = Omit<OapiOperations[Op]['response'], 'ResponseContext'>;

/** A top-level request parameter of the operation, as the spec names it. */
export type OperationParameter<Op extends OperationName> = Exclude<
  keyof OapiOperations[Op]['request'] & string,
  'DryRun'
>;

/**
 * Declares an operation: its accepted parameters (checked against the wire types at compile time and the
 * spec by a test), whether it needs a signature (from the spec), and its handler.
 */
export function defineOperation<Op extends OperationName>(
  name: Op,
  parameters: readonly OperationParameter<Op>[],
  handle: (context: CallContext, body: RequestBody) => OperationOutput<Op> | Promise<OperationOutput<Op>>,
): OperationDefinition {
  return { name, signed: operationInfo[name].authenticated, parameters, handle };
}
