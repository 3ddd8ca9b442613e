/** Polling settings of a waiter. */
export interface WaiterOptions {
  /** The first delay between polls; later delays double (with jitter) up to `maxDelayMs`. */
  minDelayMs: number;
  maxDelayMs: number;
  /** The overall deadline of the wait. */
  timeoutMs: number;
  /** How long "not found" counts as "not visible yet" (eventual consistency right after a create). */
  notFoundGraceMs: number;
  /** An optional bound on the number of polls (Packer's `max_attempts`); unbounded when absent. */
  maxAttempts?: number;
}

/**
 * 1 s to start, backing off to 5 s; an hour at most; 60 s of not-found grace. Measured on a whole osc-bsu build
 * (packages/cli/bench/api-calls.ts): about as fast as Packer's fixed 2 s poll with fewer calls, where a 15 s
 * ceiling noticed each state change up to 14 s late and made the build 13% slower.
 */
export const defaultWaiterOptions: Readonly<WaiterOptions> = Object.freeze({
  minDelayMs: 1000,
  maxDelayMs: 5000,
  timeoutMs: 60 * 60_000,
  notFoundGraceMs: 60_000,
});

/**
 * The options that are set: a key present with the value `undefined` (`{ timeoutMs: config.timeout }` when the
 * template has none) must not replace a default, or the wait would poll without delay and never time out.
 */
export function setOptions<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Environment variables read by `waiterOptionsFromEnv`, and the option each sets. */
export const waiterEnvVars = {
  OSC_POLL_DELAY_SECONDS: 'minDelayMs',
  OSC_POLL_MAX_DELAY_SECONDS: 'maxDelayMs',
  OSC_POLL_TIMEOUT_SECONDS: 'timeoutMs',
  OSC_POLL_NOT_FOUND_GRACE_SECONDS: 'notFoundGraceMs',
  OSC_POLL_MAX_ATTEMPTS: 'maxAttempts',
} as const satisfies Record<string, keyof WaiterOptions>;

/**
 * Reads waiter overrides from an environment (callers pass `process.env`; this library never reads it):
 * `OSC_POLL_DELAY_SECONDS`, `OSC_POLL_MAX_DELAY_SECONDS`, `OSC_POLL_TIMEOUT_SECONDS`,
 * `OSC_POLL_NOT_FOUND_GRACE_SECONDS` (seconds, fractions allowed) and `OSC_POLL_MAX_ATTEMPTS` (a count).
 * Unset or empty variables are left out. Throws a RangeError naming the variable for an unusable value.
 */
export function waiterOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): Partial<WaiterOptions> {
  const options: Partial<WaiterOptions> = {};
  for (const [name, key] of Object.entries(waiterEnvVars)) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (key === 'maxAttempts') {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a whole number of attempts of at least 1, got ${JSON.stringify(raw)}`);
      }
      options.maxAttempts = value;
      continue;
    }
    const zeroAllowed = key === 'notFoundGraceMs';
    if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value) || (value === 0 && !zeroAllowed)) {
      const floor = zeroAllowed ? 'at least 0' : 'greater than 0';
      throw new RangeError(`${name} must be a number of seconds ${floor}, got ${JSON.stringify(raw)}`);
    }
    options[key] = Math.round(value * 1000);
  }
  return options;
}
