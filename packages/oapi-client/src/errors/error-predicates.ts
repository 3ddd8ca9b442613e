import { OapiError } from './oapi-error';

/**
 * True for the API's "no such resource" answers: Type `InvalidResource` (codes 5000-5999, e.g. 5063 no such
 * VM, 5071 no such keypair; oapi-facts §4.4).
 */
export function isNotFoundError(error: unknown): error is OapiError {
  if (!OapiError.isInstance(error)) return false;
  return error.errors.some((e) => e.type === 'InvalidResource' || /^5\d{3}$/.test(e.code));
}

/**
 * True for "it already exists / conflicts" answers: HTTP 409 (CreateKeypair name clash) or Type
 * `ResourceConflict` (codes 9000-9999, e.g. a duplicate security group or rule).
 */
export function isConflictError(error: unknown): error is OapiError {
  if (!OapiError.isInstance(error)) return false;
  return error.status === 409 || error.errors.some((e) => e.type === 'ResourceConflict' || /^9\d{3}$/.test(e.code));
}

/** "Already exists" codes: already-exist, duplicate-group, duplicate-id, duplicate-key, duplicate-name, group-already-exists. */
const alreadyExistsCodes: readonly string[] = ['9000', '9008', '9009', '9011', '9015', '9028'];

/**
 * True when a create failed because what it creates already exists (HTTP 409, or one of the ResourceConflict
 * codes that say so); narrower than isConflictError, which also covers "busy" and "in use".
 */
export function isAlreadyExistsError(error: unknown): error is OapiError {
  if (!OapiError.isInstance(error)) return false;
  return error.status === 409 || error.hasCode(...alreadyExistsCodes);
}

/** True when the API refused a call for its rate limits (429, 503, codes 6/24/25). */
export function isThrottlingError(error: unknown): error is OapiError {
  return OapiError.isInstance(error) && error.throttling;
}
