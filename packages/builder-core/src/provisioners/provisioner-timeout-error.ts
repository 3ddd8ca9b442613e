import { formatGoDuration } from '../build/go-duration';

const marker = Symbol.for('osc-packer.builder-core.ProvisionerTimeoutError');

/** A provisioner ran longer than its `timeout` and was cancelled. */
export class ProvisionerTimeoutError extends Error {
  readonly [marker] = true;
  readonly timeoutMs: number;

  constructor(type: string, timeoutMs: number) {
    super(`The ${type} provisioner did not finish within its timeout of ${formatGoDuration(timeoutMs)}.`);
    this.name = 'ProvisionerTimeoutError';
    this.timeoutMs = timeoutMs;
  }

  /** True for any ProvisionerTimeoutError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is ProvisionerTimeoutError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
