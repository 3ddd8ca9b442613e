import type { CleanupContext, Step, StepContext } from './step';

/** State used by the runner's tests. */
export interface TestState {
  trace: string[];
  vm?: string;
  ip?: string | null;
  image?: string;
}

/** Builds a test step that records `run:<name>` / `cleanup:<name>` in `state.trace`. */
export function traced(
  name: string,
  extra: Partial<Omit<Step<TestState>, 'name' | 'run' | 'cleanup'>> & {
    run?: (context: StepContext, state: TestState) => Promise<void> | void;
    cleanup?: ((context: CleanupContext, state: TestState) => Promise<void> | void) | false;
  } = {},
): Step<TestState> {
  const { run, cleanup, ...rest } = extra;
  const step: Step<TestState> = {
    name,
    ...rest,
    async run(context, state) {
      state.trace.push(`run:${name}`);
      await run?.(context, state);
    },
  };
  if (cleanup !== false) {
    step.cleanup = async (context, state) => {
      state.trace.push(`cleanup:${name}`);
      await cleanup?.(context, state);
    };
  }
  return step;
}

/** A promise that settles when the signal aborts (with its reason). */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
