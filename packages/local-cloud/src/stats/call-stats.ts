/** What `GET /local-cloud/stats` answers: counts since the cloud started. */
export interface CallStatsSnapshot {
  startedAt: string;
  /** Every call received, per operation (including refused and faulted ones). */
  calls: Record<string, number>;
  /** Calls answered with an error status (4xx/5xx) or a dropped connection, per operation. */
  errors: Record<string, number>;
  /** Faults injected, per action (`throttle`, `server-error`, `latency`, `reset`). */
  faults: Record<string, number>;
  totalCalls: number;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sorted(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Counts API calls per operation, for tests and benchmarks (e.g. "the build made 3 ReadVms calls"). */
export class CallStats {
  private readonly calls = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private readonly faults = new Map<string, number>();
  private total = 0;

  constructor(private readonly startedAt: Date) {}

  call(operation: string): void {
    this.total += 1;
    increment(this.calls, operation);
  }

  error(operation: string): void {
    increment(this.errors, operation);
  }

  fault(action: string): void {
    increment(this.faults, action);
  }

  snapshot(): CallStatsSnapshot {
    return {
      startedAt: this.startedAt.toISOString(),
      calls: sorted(this.calls),
      errors: sorted(this.errors),
      faults: sorted(this.faults),
      totalCalls: this.total,
    };
  }
}
