import type { OapiOperationSpec, OapiSpec } from './oapi-spec';
import { validateValue } from './validate-value';

/**
 * Checks a request body against the operation's request schema (with the 1.41 overlay) and returns the
 * problems, each with its JSON path (`$.Filters.VmIds[0]: expected string, got integer`); empty means valid.
 * Unknown properties are problems. Throws when `operation` is not in the spec.
 */
export function validateRequest(spec: OapiSpec, operation: string, body: unknown): string[] {
  return validateBody(spec, findOperation(spec, operation).request, body);
}

/**
 * Checks a response body against the schema the operation declares for `status` (default 200). For an
 * error status the operation does not declare (the API also answers 409, 424, 429, 503 where the spec is
 * silent), the body is checked against `ErrorResponse`. Returns problems with JSON paths; empty means valid.
 * Throws when `operation` is not in the spec.
 */
export function validateResponse(spec: OapiSpec, operation: string, body: unknown, status = 200): string[] {
  const found = findOperation(spec, operation);
  const schema = found.responses[String(status)] ?? (status >= 400 ? 'ErrorResponse' : undefined);
  if (schema === undefined) return [`$: ${operation} declares no response for HTTP ${status}`];
  return validateBody(spec, schema, body);
}

function validateBody(spec: OapiSpec, schemaName: string, body: unknown): string[] {
  return validateValue(spec.schemas, { ref: schemaName }, body);
}

function findOperation(spec: OapiSpec, operation: string): OapiOperationSpec {
  const found = Object.hasOwn(spec.operations, operation) ? spec.operations[operation] : undefined;
  if (found === undefined) throw new Error(`${operation} is not an operation of the Outscale API ${spec.version}`);
  return found;
}
