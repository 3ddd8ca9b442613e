import type { Timings } from './timing-profiles';

const closedMarker = Symbol.for('osc-packer.local-cloud.SchedulerClosedError');

/** Thrown by `wait` when the cloud shuts down before the delay ends. */
export class SchedulerClosedError extends Error {
  readonly [closedMarker] = true;
  constructor() {
    super('local-cloud is shutting down');
    this.name = 'SchedulerClosedError';
  }
  static isInstance(value: unknown): value is SchedulerClosedError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[closedMarker] === true;
  }
}

/**
 * Runs the cloud's background transitions: delays taken from the timing profile, and tasks that must be
 * finished (or abandoned) before the cloud closes. A zero delay still ends after the current answer is sent.
 */
export class Scheduler {
  private readonly timers = new Set<{ handle: NodeJS.Timeout; reject: (error: Error) => void }>();
  private readonly tasks = new Set<Promise<void>>();
  private closed = false;

  constructor(
    readonly timings: Timings,
    private readonly onTaskError: (error: unknown) => void,
  ) {}

  /** Resolves after the duration of `transition`; rejects with SchedulerClosedError on close. */
  wait(transition: keyof Timings): Promise<void> {
    return this.sleep(this.timings[transition]);
  }

  /** Resolves after `ms` milliseconds; rejects with SchedulerClosedError on close. */
  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new SchedulerClosedError());
    return new Promise((resolve, reject) => {
      const entry = {
        handle: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      entry.handle.unref();
      this.timers.add(entry);
    });
  }

  /** Starts a background task; its failure is reported, never thrown. `close` waits for it. */
  run(task: () => Promise<void>): void {
    if (this.closed) return;
    const promise: Promise<void> = Promise.resolve()
      .then(task)
      .catch((error: unknown) => {
        if (!SchedulerClosedError.isInstance(error)) this.onTaskError(error);
      })
      .finally(() => this.tasks.delete(promise));
    this.tasks.add(promise);
  }

  /** True once `close` was called: background work should stop starting new things. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Cancels pending delays and waits for running tasks to settle. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) {
      clearTimeout(timer.handle);
      timer.reject(new SchedulerClosedError());
    }
    this.timers.clear();
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }
}
