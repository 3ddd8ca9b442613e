const marker = Symbol.for('osc-packer.oapi-client.WaiterError');

/** Why a wait ended without its target: deadline, a terminal state, or a resource that never appeared. */
export type WaiterErrorKind = 'timeout' | 'failed-state' | 'not-found' | 'max-attempts';

export interface WaiterErrorFields {
  kind: WaiterErrorKind;
  /** What was awaited, e.g. `vm i-123 to be running`. */
  description: string;
  elapsedMs: number;
  /** The last state seen, e.g. `pending`. */
  lastObserved?: string;
  /** The API's explanation of a failed state (StateComment.StateMessage, StateReason). */
  reason?: string;
}

/** Formats a duration the way people say it: `10m`, `1m30s`, `45s`, `800ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''];
  return parts.join('') || '0s';
}

function describe(fields: WaiterErrorFields): string {
  const last = fields.lastObserved ? `; last state: ${fields.lastObserved}` : '';
  const after = formatDuration(fields.elapsedMs);
  switch (fields.kind) {
    case 'timeout':
      return `timed out after ${after} waiting for ${fields.description}${last}`;
    case 'max-attempts':
      return `gave up after ${after} of polling (attempt limit reached) waiting for ${fields.description}${last}`;
    case 'not-found':
      return `stopped waiting for ${fields.description}: it was still not found after ${after}`;
    case 'failed-state':
      return (
        `stopped waiting for ${fields.description}: it is ${fields.lastObserved ?? 'in a failed state'}` +
        (fields.reason ? ` (${fields.reason})` : '')
      );
  }
}

/** A wait that ended without reaching its target; the message says what it waited for and what it last saw. */
export class WaiterError extends Error {
  readonly [marker] = true;
  readonly kind: WaiterErrorKind;
  readonly description: string;
  readonly elapsedMs: number;
  readonly lastObserved: string | undefined;
  readonly reason: string | undefined;

  constructor(fields: WaiterErrorFields) {
    super(describe(fields));
    this.name = 'WaiterError';
    this.kind = fields.kind;
    this.description = fields.description;
    this.elapsedMs = fields.elapsedMs;
    this.lastObserved = fields.lastObserved;
    this.reason = fields.reason;
  }

  /** True for any WaiterError, even one built by another copy of this package. */
  static isInstance(value: unknown): value is WaiterError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
