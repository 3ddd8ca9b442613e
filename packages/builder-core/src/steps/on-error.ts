/** Packer's `-on-error` values. */
export const onErrorPolicies = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;

/**
 * What to do when a step fails: `cleanup` (default) runs every cleanup; `abort` skips them and says what was
 * left; `ask` lets the user retry the step, clean up or abort; `run-cleanup-provisioner` skips them except
 * the provisioning step's (the error-cleanup-provisioner). Cancellation always cleans up.
 */
export type OnError = (typeof onErrorPolicies)[number];

/** True when `value` is one of Packer's `-on-error` values. */
export function isOnError(value: unknown): value is OnError {
  return typeof value === 'string' && (onErrorPolicies as readonly string[]).includes(value);
}
