/** The process signals a build reacts to. */
export type InterruptName = 'SIGINT' | 'SIGTERM';

/** Where interrupts come from (the process; an EventEmitter in tests). */
export interface InterruptSource {
  on(event: InterruptName, listener: () => void): unknown;
  off(event: InterruptName, listener: () => void): unknown;
}

/** What happens on each interrupt: the first cancels, the second forces exit, a third gives up waiting. */
export interface InterruptHandlers {
  cancel(name: InterruptName): void;
  force(name: InterruptName): void;
  /** A third interrupt: the user wants out now, whatever is still running. */
  abandon(name: InterruptName): void;
}

/** The run's cancellation signals, driven by interrupts. */
export interface Interrupts {
  /** Aborted by the first SIGINT/SIGTERM: builds stop and clean up. */
  readonly signal: AbortSignal;
  /** Aborted by the second: stop waiting for cleanups. */
  readonly forceSignal: AbortSignal;
  /** The name of the first interrupt, once one arrived. */
  readonly received: InterruptName | undefined;
  /** Stops listening (the process's default handling is back). */
  dispose(): void;
}

const names: readonly InterruptName[] = ['SIGINT', 'SIGTERM'];

/**
 * Listens for SIGINT and SIGTERM as Packer does, plus a forced exit: the first aborts `signal`, the second
 * `forceSignal`, a third calls `abandon`. Listening replaces the default "terminate now" of both signals, so
 * cleanups get to run.
 */
export function watchInterrupts(source: InterruptSource, handlers: InterruptHandlers): Interrupts {
  const cancel = new AbortController();
  const force = new AbortController();
  let count = 0;
  let received: InterruptName | undefined;
  const listeners = names.map((name) => {
    const listener = () => {
      count += 1;
      if (count === 1) {
        received = name;
        handlers.cancel(name);
        cancel.abort(new Error(`received ${name}`));
      } else if (count === 2) {
        handlers.force(name);
        force.abort(new Error(`received a second interrupt (${name})`));
      } else handlers.abandon(name);
    };
    source.on(name, listener);
    return { name, listener };
  });
  return {
    signal: cancel.signal,
    forceSignal: force.signal,
    get received() {
      return received;
    },
    dispose() {
      for (const { name, listener } of listeners) source.off(name, listener);
    },
  };
}

/** How Packer (Go's os.Signal) names a signal in "Cancelling build after receiving ...". */
export function goSignalName(name: InterruptName): string {
  return name === 'SIGINT' ? 'interrupt' : 'terminated';
}
