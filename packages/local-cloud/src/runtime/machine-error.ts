const marker = Symbol.for('osc-packer.local-cloud.MachineError');

/** What went wrong on local-cloud's machine side, for callers that branch on it. */
export type MachineErrorCode =
  | 'isolation-unavailable'
  | 'invalid-launch'
  | 'vm-start-failed'
  | 'command-failed'
  | 'unknown-data'
  | 'unsupported'
  | 'closed';

/** An error of local-cloud's machine side (VMs, volumes, snapshots), with a message that says what to do. */
export class MachineError extends Error {
  readonly [marker] = true;
  readonly code: MachineErrorCode;

  constructor(code: MachineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MachineError';
    this.code = code;
  }

  /** True for any MachineError (and subclasses), even one built by another copy of this package. */
  static isInstance(value: unknown): value is MachineError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
