import { describe, expect, it } from 'vitest';
import { RecordingUi } from '../test/recording-ui';
import type { AbandonedCleanups } from './run-outcome';
import { runSteps, StepRunner } from './step-runner';
import { type TestState, traced, untilAborted } from './step-test-helpers';

/** Resolves when `run` calls it; lets a test act exactly while a step or a cleanup is in progress. */
function checkpoint() {
  let reached: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return { reached: () => reached(), promise };
}

describe('Ctrl-C', () => {
  it('during a step: the step is told to stop, later steps do not run, everything is cleaned in reverse', async () => {
    const ui = new RecordingUi();
    const cancel = new AbortController();
    const inStep = checkpoint();
    const state: TestState = { trace: [] };
    const run = runSteps(
      [
        traced('keypair'),
        traced('wait for ssh', {
          run: async (context) => {
            inStep.reached();
            await untilAborted(context.signal);
          },
        }),
        traced('provision'),
      ],
      state,
      { ui, signal: cancel.signal },
    );
    await inStep.promise;
    cancel.abort();
    const outcome = await run;
    expect(outcome).toEqual({ status: 'cancelled', cleanupFailures: [], abandoned: undefined });
    expect(state.trace).toEqual(['run:keypair', 'run:wait for ssh', 'cleanup:wait for ssh', 'cleanup:keypair']);
    expect(ui.texts('say')).toEqual([
      'Cleaning up after cancellation: wait for ssh',
      'Cleaning up after cancellation: keypair',
    ]);
    expect(ui.texts('error')).toEqual([]);
  });

  it('between steps: a step that ignores the signal finishes, then nothing else runs', async () => {
    const cancel = new AbortController();
    const state: TestState = { trace: [] };
    const outcome = await runSteps([traced('a', { run: () => cancel.abort() }), traced('b')], state, {
      ui: new RecordingUi(),
      signal: cancel.signal,
    });
    expect(outcome.status).toBe('cancelled');
    expect(state.trace).toEqual(['run:a', 'cleanup:a']);
  });

  it('before the first step: nothing runs', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const state: TestState = { trace: [] };
    const outcome = await runSteps([traced('a')], state, { ui: new RecordingUi(), signal: cancel.signal });
    expect(outcome.status).toBe('cancelled');
    expect(state.trace).toEqual([]);
  });

  it('during cleanup: the first Ctrl-C does not interrupt the cleanups it started', async () => {
    const cancel = new AbortController();
    const inStep = checkpoint();
    const inCleanup = checkpoint();
    const state: TestState = { trace: [] };
    let cleanupSignalAborted: boolean | undefined;
    const run = runSteps(
      [
        traced('a'),
        traced('b', {
          run: async (context) => {
            inStep.reached();
            await untilAborted(context.signal);
          },
          cleanup: async (context) => {
            inCleanup.reached();
            await Promise.resolve();
            cleanupSignalAborted = context.signal.aborted;
          },
        }),
      ],
      state,
      { ui: new RecordingUi(), signal: cancel.signal },
    );
    await inStep.promise;
    cancel.abort();
    await inCleanup.promise;
    expect((await run).status).toBe('cancelled');
    expect(cleanupSignalAborted).toBe(false);
    expect(state.trace).toEqual(['run:a', 'run:b', 'cleanup:b', 'cleanup:a']);
  });

  it('second Ctrl-C during cleanup: stops waiting, records what is left, and returns', async () => {
    const ui = new RecordingUi();
    const cancel = new AbortController();
    const force = new AbortController();
    const inStep = checkpoint();
    const inCleanup = checkpoint();
    const abandoned: AbandonedCleanups[] = [];
    const state: TestState = { trace: [] };
    let cleanupSawForce = false;
    const runner = new StepRunner<TestState>(
      [
        traced('keypair'),
        traced('security group'),
        traced('run vm', {
          run: async (context) => {
            inStep.reached();
            await untilAborted(context.signal);
          },
          cleanup: async (context) => {
            inCleanup.reached();
            await untilAborted(context.signal).catch(() => {
              cleanupSawForce = true;
            });
            // A cleanup that does not give up: the forced exit must not wait for it.
            await new Promise<never>(() => {});
          },
        }),
      ],
      { ui, signal: cancel.signal, forceSignal: force.signal, onAbandoned: (a) => void abandoned.push(a) },
    );
    const run = runner.run(state);
    await inStep.promise;
    cancel.abort();
    await inCleanup.promise;
    expect(runner.pending()).toEqual(['run vm', 'security group', 'keypair']);
    force.abort();
    const outcome = await run;
    const left = { steps: ['run vm', 'security group', 'keypair'], reason: 'forced' };
    expect(outcome).toEqual({ status: 'cancelled', cleanupFailures: [], abandoned: left });
    expect(abandoned).toEqual([left]);
    expect(cleanupSawForce).toBe(true);
    expect(state.trace).toEqual(['run:keypair', 'run:security group', 'run:run vm', 'cleanup:run vm']);
    expect(ui.texts('error')).toEqual(["Forced exit: not cleaning up after 'run vm', 'security group', 'keypair'"]);
  });

  it('forced exit while a step ignores cancellation: returns at once with everything pending', async () => {
    const force = new AbortController();
    const inStep = checkpoint();
    const abandoned: AbandonedCleanups[] = [];
    const state: TestState = { trace: [] };
    const run = runSteps(
      [
        traced('keypair'),
        traced('stuck', {
          run: async () => {
            inStep.reached();
            await new Promise<never>(() => {});
          },
        }),
      ],
      state,
      { ui: new RecordingUi(), forceSignal: force.signal, onAbandoned: (a) => void abandoned.push(a) },
    );
    await inStep.promise;
    force.abort();
    expect(await run).toMatchObject({
      status: 'cancelled',
      abandoned: { steps: ['stuck', 'keypair'], reason: 'forced' },
    });
    expect(abandoned).toHaveLength(1);
    expect(state.trace).toEqual(['run:keypair', 'run:stuck']);
  });
});
