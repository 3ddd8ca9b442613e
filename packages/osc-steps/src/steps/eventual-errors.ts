import { isConflictError, isNotFoundError, OapiError } from '@osc-packer/oapi-client';

/** A resource just created is not visible to every call yet (eventual consistency): retry. */
export function notVisibleYet(error: unknown): string | undefined {
  return isNotFoundError(error) ? 'not visible yet' : undefined;
}

/**
 * A resource still in use by one being deleted (a security group of a terminating VM, a public IP still
 * linked): HTTP 409/424, DependencyProblem (1000+), ResourceConflict or InvalidState. Retry.
 */
export function stillInUse(error: unknown): string | undefined {
  if (StillBusyError.isInstance(error)) return error.message;
  if (!OapiError.isInstance(error)) return undefined;
  const dependency =
    error.status === 424 ||
    error.errors.some((e) => e.type === 'DependencyProblem' || e.type === 'InvalidState' || /^1\d{3}$/.test(e.code));
  return dependency || isConflictError(error) ? 'still in use' : undefined;
}

const stillBusyMarker = Symbol.for('osc-packer.osc-steps.StillBusyError');

/** Thrown by a retried call whose resource is not ready yet (a volume still attached): retried like "in use". */
export class StillBusyError extends Error {
  readonly [stillBusyMarker] = true;

  constructor(message: string) {
    super(message);
    this.name = 'StillBusyError';
  }

  /** True for any StillBusyError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is StillBusyError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[stillBusyMarker] === true;
  }
}

/**
 * True when a create call was definitively refused by the API (it answered with an error that is not
 * ambiguous): nothing was created, so a cleanup must not go looking for the resource by name (it could find
 * someone else's).
 */
export function refusedByApi(error: unknown): boolean {
  return OapiError.isInstance(error) && !error.ambiguous;
}
