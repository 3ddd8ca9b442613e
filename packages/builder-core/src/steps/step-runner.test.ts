import { describe, expect, it } from 'vitest';
import { RecordingUi } from '../test/recording-ui';
import { StepContractError } from './step-contract-error';
import { StepError } from './step-error';
import { runSteps, StepRunner } from './step-runner';
import { type TestState, traced, untilAborted } from './step-test-helpers';

const fresh = (): TestState => ({ trace: [] });

describe('StepRunner lifecycle', () => {
  it('runs steps in order and cleans up in reverse order on success', async () => {
    const ui = new RecordingUi();
    const state = fresh();
    const outcome = await runSteps([traced('a'), traced('b', { cleanup: false }), traced('c')], state, { ui });
    expect(outcome).toEqual({ status: 'completed', cleanupFailures: [] });
    expect(state.trace).toEqual(['run:a', 'run:b', 'run:c', 'cleanup:c', 'cleanup:a']);
    expect(ui.texts('error')).toEqual([]);
  });

  it('cleans up the failing step too, skips the rest, and wraps the error with the step name', async () => {
    const ui = new RecordingUi();
    const state = fresh();
    const cause = new Error('Error launching source VM: quota exceeded');
    const outcome = await runSteps(
      [
        traced('keypair'),
        traced('run vm', {
          run: () => {
            throw cause;
          },
        }),
        traced('stop vm'),
      ],
      state,
      { ui },
    );
    expect(state.trace).toEqual(['run:keypair', 'run:run vm', 'cleanup:run vm', 'cleanup:keypair']);
    expect(outcome.status).toBe('halted');
    if (outcome.status !== 'halted') return;
    expect(StepError.isInstance(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({ step: 'run vm', phase: 'run', cause });
    expect(outcome.error.message).toBe('Error launching source VM: quota exceeded');
    expect(ui.texts('error')).toEqual(['Error launching source VM: quota exceeded']);
  });

  it('runs every cleanup even when some fail, and reports each failure', async () => {
    const ui = new RecordingUi();
    const state = fresh();
    const boom = (what: string) => () => {
      throw new Error(what);
    };
    const outcome = await runSteps(
      [traced('a'), traced('b', { cleanup: boom('sg still in use') }), traced('c', { cleanup: boom('vm stuck') })],
      state,
      { ui },
    );
    expect(state.trace).toEqual(['run:a', 'run:b', 'run:c', 'cleanup:c', 'cleanup:b', 'cleanup:a']);
    expect(outcome.status).toBe('completed');
    expect(outcome.cleanupFailures.map((f) => [f.step, f.phase, f.message])).toEqual([
      ['c', 'cleanup', "Cleanup of step 'c' failed: vm stuck"],
      ['b', 'cleanup', "Cleanup of step 'b' failed: sg still in use"],
    ]);
    expect(ui.texts('error')).toEqual([
      "Cleanup of step 'c' failed: vm stuck",
      "Cleanup of step 'b' failed: sg still in use",
    ]);
  });

  it('bounds each cleanup in time and goes on with the others', async () => {
    const ui = new RecordingUi();
    const state = fresh();
    let sawAbort = false;
    const outcome = await runSteps(
      [
        traced('a'),
        traced('hangs', {
          cleanupTimeoutMs: 20,
          cleanup: async (context) => {
            await untilAborted(context.signal).catch(() => {
              sawAbort = true;
            });
            await new Promise<never>(() => {});
          },
        }),
      ],
      state,
      { ui },
    );
    expect(state.trace).toEqual(['run:a', 'run:hangs', 'cleanup:hangs', 'cleanup:a']);
    expect(sawAbort).toBe(true);
    expect(outcome.cleanupFailures.map((f) => f.message)).toEqual([
      "Cleanup of step 'hangs' failed: did not finish within 20ms; gave up waiting",
    ]);
  });

  it('passes the context and lets steps share typed state', async () => {
    const ui = new RecordingUi();
    const controller = new AbortController();
    const state = fresh();
    const outcome = await runSteps(
      [
        traced('run vm', {
          provides: ['vm'],
          run: (context, s) => {
            expect(context.signal).toBe(controller.signal);
            expect(context.debug).toBe(false);
            context.ui.say('Launching a source VM...');
            s.vm = 'i-1234';
          },
        }),
        traced('create image', {
          requires: ['vm'],
          provides: ['image'],
          run: (_, s) => {
            s.image = `ami-${s.vm}`;
          },
          cleanup: (context) => expect(context.reason).toBe('completed'),
        }),
      ],
      state,
      { ui, signal: controller.signal },
    );
    expect(outcome.status).toBe('completed');
    expect(state.image).toBe('ami-i-1234');
    expect(ui.texts('say')).toEqual(['Launching a source VM...']);
  });
});

describe('StepRunner requires/provides', () => {
  it('rejects an inconsistent step list before running anything, listing every problem', async () => {
    const state = fresh();
    const steps = [
      traced('create image', { requires: ['vm'] }),
      traced('run vm', { provides: ['vm'] }),
      traced('public ip', { requires: ['ip'] }),
      traced('run vm', {}),
    ];
    const run = runSteps(steps, state, { ui: new RecordingUi() });
    await expect(run).rejects.toSatisfy(StepContractError.isInstance);
    await expect(run).rejects.toMatchObject({
      problems: [
        "step 'create image' requires 'vm', which step 'run vm' provides only later",
        "step 'public ip' requires 'ip', which no earlier step provides",
        "two steps are named 'run vm'",
      ],
    });
    expect(state.trace).toEqual([]);
  });

  it('accepts requirements met by the initial state', async () => {
    const state: TestState = { trace: [], vm: 'i-1' };
    const outcome = await runSteps([traced('create image', { requires: ['vm'] })], state, { ui: new RecordingUi() });
    expect(outcome.status).toBe('completed');
  });

  it('halts when a step does not set what it provides (null counts as set)', async () => {
    const state = fresh();
    const outcome = await runSteps(
      [
        traced('public ip', {
          provides: ['ip'],
          run: (_, s) => {
            s.ip = null;
          },
        }),
        traced('run vm', { provides: ['vm'] }),
        traced('create image', { requires: ['vm'] }),
      ],
      state,
      { ui: new RecordingUi() },
    );
    expect(outcome.status).toBe('halted');
    if (outcome.status !== 'halted') return;
    expect(outcome.error.step).toBe('run vm');
    expect(outcome.error.message).toBe("step 'run vm' finished without setting 'vm' in the build state");
    expect(state.trace).toEqual(['run:public ip', 'run:run vm', 'cleanup:run vm', 'cleanup:public ip']);
  });
});

describe('StepRunner.pending', () => {
  it('lists the running step and the cleanups still due, in cleanup order', async () => {
    const ui = new RecordingUi();
    let runner: StepRunner<TestState> | undefined;
    const seen: (readonly string[])[] = [];
    runner = new StepRunner(
      [
        traced('a'),
        traced('b', { cleanup: false }),
        traced('c', { run: () => void seen.push(runner?.pending() ?? []) }),
        traced('d', { cleanup: () => void seen.push(runner?.pending() ?? []) }),
      ],
      { ui },
    );
    await runner.run(fresh());
    expect(seen).toEqual([
      ['c', 'a'],
      ['d', 'c', 'a'],
    ]);
    expect(runner.pending()).toEqual([]);
  });
});
