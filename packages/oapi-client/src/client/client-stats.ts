/** Counters of one operation (or of all of them). */
export interface OperationStats {
  /** Logical calls started. */
  calls: number;
  /** HTTP requests sent (first attempts and retries). */
  attempts: number;
  /** Attempts that followed a failed one. */
  retries: number;
  /** Attempts the API refused for its rate limits. */
  throttled: number;
  /** Logical calls that ended in an error. */
  failures: number;
}

/** A snapshot of what a client has done, for benchmarks and end-of-build summaries. */
export interface OapiClientStats extends OperationStats {
  byOperation: Record<string, OperationStats>;
}

/** The counters the pipeline updates. */
export interface StatsRecorder {
  call(operation: string): void;
  attempt(operation: string, attempt: number): void;
  throttled(operation: string): void;
  failure(operation: string): void;
  snapshot(): OapiClientStats;
}

const zero = (): OperationStats => ({ calls: 0, attempts: 0, retries: 0, throttled: 0, failures: 0 });

/** Counters in memory, per operation and in total. */
export function createStatsRecorder(): StatsRecorder {
  const total = zero();
  const byOperation = new Map<string, OperationStats>();
  const bump = (operation: string, key: keyof OperationStats) => {
    total[key]++;
    let entry = byOperation.get(operation);
    if (!entry) {
      entry = zero();
      byOperation.set(operation, entry);
    }
    entry[key]++;
  };
  return {
    call: (operation) => bump(operation, 'calls'),
    attempt(operation, attempt) {
      bump(operation, 'attempts');
      if (attempt > 1) bump(operation, 'retries');
    },
    throttled: (operation) => bump(operation, 'throttled'),
    failure: (operation) => bump(operation, 'failures'),
    snapshot: () => ({
      ...total,
      byOperation: Object.fromEntries([...byOperation].map(([name, stats]) => [name, { ...stats }])),
    }),
  };
}
