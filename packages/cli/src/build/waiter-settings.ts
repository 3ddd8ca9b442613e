import { type WaiterOptions, waiterOptionsFromEnv } from '@osc-packer/oapi-client';
import { UsageError } from '../usage-error';

/**
 * The waiter overrides of the environment (`OSC_POLL_DELAY_SECONDS`, `OSC_POLL_MAX_DELAY_SECONDS`,
 * `OSC_POLL_TIMEOUT_SECONDS`, `OSC_POLL_NOT_FOUND_GRACE_SECONDS`, `OSC_POLL_MAX_ATTEMPTS`), read by
 * oapi-client's rules; an unusable value is a UsageError naming the variable.
 */
export function waiterSettings(env: Readonly<Record<string, string | undefined>>): Partial<WaiterOptions> {
  try {
    return waiterOptionsFromEnv(env);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}
