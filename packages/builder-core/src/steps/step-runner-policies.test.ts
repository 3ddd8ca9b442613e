import { describe, expect, it } from 'vitest';
import { RecordingUi } from '../test/recording-ui';
import { askQuestion } from './ask-after-failure';
import type { AbandonedCleanups } from './run-outcome';
import { runSteps } from './step-runner';
import { type TestState, traced } from './step-test-helpers';

/** keypair -> provision (fails) -> stop vm */
function failingBuild(options: { failTimes?: number } = {}) {
  let failures = 0;
  return [
    traced('keypair'),
    traced('run vm'),
    traced('provision', {
      runsProvisioners: true,
      run: () => {
        if (failures < (options.failTimes ?? Number.POSITIVE_INFINITY)) {
          failures += 1;
          throw new Error('Script exited with non-zero exit status: 1. Allowed exit codes are: [0]');
        }
      },
    }),
    traced('stop vm'),
  ];
}

describe('-on-error policies', () => {
  it('cleanup (default) cleans everything that ran', async () => {
    const state: TestState = { trace: [] };
    const outcome = await runSteps(failingBuild(), state, { ui: new RecordingUi(), onError: 'cleanup' });
    expect(outcome.status).toBe('halted');
    expect(state.trace.filter((t) => t.startsWith('cleanup'))).toEqual([
      'cleanup:provision',
      'cleanup:run vm',
      'cleanup:keypair',
    ]);
  });

  it('abort skips every cleanup, says what was left, and hands it to the journal hook', async () => {
    const ui = new RecordingUi();
    const state: TestState = { trace: [] };
    const abandoned: AbandonedCleanups[] = [];
    const outcome = await runSteps(failingBuild(), state, {
      ui,
      onError: 'abort',
      onAbandoned: (a) => void abandoned.push(a),
    });
    expect(state.trace).toEqual(['run:keypair', 'run:run vm', 'run:provision']);
    const left = { steps: ['provision', 'run vm', 'keypair'], reason: 'abort' };
    expect(outcome).toMatchObject({ status: 'halted', abandoned: left });
    expect(abandoned).toEqual([left]);
    expect(ui.texts('error').slice(1)).toEqual([
      'Step "provision" failed, aborting...',
      'aborted: skipping cleanup of step "provision"',
      'aborted: skipping cleanup of step "run vm"',
      'aborted: skipping cleanup of step "keypair"',
    ]);
  });

  it('run-cleanup-provisioner skips every cleanup but the provisioning step', async () => {
    const state: TestState = { trace: [] };
    const outcome = await runSteps(failingBuild(), state, {
      ui: new RecordingUi(),
      onError: 'run-cleanup-provisioner',
    });
    expect(state.trace.filter((t) => t.startsWith('cleanup'))).toEqual(['cleanup:provision']);
    expect(outcome).toMatchObject({ status: 'halted', abandoned: { steps: ['run vm', 'keypair'], reason: 'abort' } });
  });

  it('a policy other than cleanup still cleans everything after success', async () => {
    const state: TestState = { trace: [] };
    await runSteps(failingBuild({ failTimes: 0 }), state, { ui: new RecordingUi(), onError: 'abort' });
    expect(state.trace.filter((t) => t.startsWith('cleanup'))).toHaveLength(4);
  });
});

describe('-on-error=ask', () => {
  it('retries the failed step when asked to, and goes on after it succeeds', async () => {
    const ui = new RecordingUi({ answers: ['r'] });
    const state: TestState = { trace: [] };
    const outcome = await runSteps(failingBuild({ failTimes: 1 }), state, { ui, onError: 'ask' });
    expect(outcome.status).toBe('completed');
    expect(state.trace).toEqual([
      'run:keypair',
      'run:run vm',
      'run:provision',
      'run:provision',
      'run:stop vm',
      'cleanup:stop vm',
      'cleanup:provision',
      'cleanup:run vm',
      'cleanup:keypair',
    ]);
    expect(ui.texts('say')).toEqual(['Step "provision" failed']);
    expect(ui.texts('ask')).toEqual([askQuestion]);
  });

  it('cleans up on "c" and on an empty answer, re-asking after an unknown answer', async () => {
    for (const answers of [['c'], [''], ['x', 'C']]) {
      const ui = new RecordingUi({ answers });
      const state: TestState = { trace: [] };
      const outcome = await runSteps(failingBuild(), state, { ui, onError: 'ask' });
      expect(outcome.status).toBe('halted');
      expect(state.trace.filter((t) => t.startsWith('cleanup'))).toHaveLength(3);
      if (answers[0] === 'x') expect(ui.texts('say')).toContain('Incorrect input: "x"');
    }
  });

  it('aborts without cleanup on "a"', async () => {
    const ui = new RecordingUi({ answers: ['abort'] });
    const state: TestState = { trace: [] };
    const outcome = await runSteps(failingBuild(), state, { ui, onError: 'ask' });
    expect(state.trace.filter((t) => t.startsWith('cleanup'))).toEqual([]);
    expect(outcome).toMatchObject({ status: 'halted', abandoned: { reason: 'abort' } });
  });

  it('cleans up when there is no terminal to ask on', async () => {
    const ui = new RecordingUi({ interactive: false });
    const state: TestState = { trace: [] };
    await runSteps(failingBuild(), state, { ui, onError: 'ask' });
    expect(state.trace.filter((t) => t.startsWith('cleanup'))).toHaveLength(3);
  });

  it('cleans up when cancelled while asking', async () => {
    const ui = new RecordingUi();
    const controller = new AbortController();
    const state: TestState = { trace: [] };
    const run = runSteps(failingBuild(), state, { ui, onError: 'ask', signal: controller.signal });
    await ui.waitFor((e) => e.kind === 'ask');
    controller.abort();
    const outcome = await run;
    expect(outcome.status).toBe('halted');
    expect(state.trace.filter((t) => t.startsWith('cleanup'))).toHaveLength(3);
  });
});

describe('-debug', () => {
  it('pauses after each run and before each cleanup, through Ui.ask', async () => {
    const ui = new RecordingUi({ answers: ['', '', '', ''] });
    const state: TestState = { trace: [] };
    await runSteps([traced('a'), traced('b')], state, { ui, debug: true });
    expect(ui.texts('ask')).toEqual([
      "Pausing after run of step 'a'. Press enter to continue.",
      "Pausing after run of step 'b'. Press enter to continue.",
      "Pausing before cleanup of step 'b'. Press enter to continue.",
      "Pausing before cleanup of step 'a'. Press enter to continue.",
    ]);
  });

  it('waits for the answer before running the next step', async () => {
    const ui = new RecordingUi();
    const state: TestState = { trace: [] };
    const run = runSteps([traced('a', { cleanup: false }), traced('b', { cleanup: false })], state, {
      ui,
      debug: true,
    });
    await ui.waitFor((e) => e.kind === 'ask');
    expect(state.trace).toEqual(['run:a']);
    ui.answer('');
    await ui.waitFor((e) => e.kind === 'ask' && e.text.includes("'b'"));
    expect(state.trace).toEqual(['run:a', 'run:b']);
    ui.answer('');
    expect((await run).status).toBe('completed');
  });

  it('goes on without pausing when there is no terminal', async () => {
    const state: TestState = { trace: [] };
    const outcome = await runSteps([traced('a'), traced('b')], state, {
      ui: new RecordingUi({ interactive: false }),
      debug: true,
    });
    expect(outcome.status).toBe('completed');
    expect(state.trace).toHaveLength(4);
  });

  it('passes debug to the steps', async () => {
    const state: TestState = { trace: [] };
    await runSteps([traced('a', { cleanup: false, run: (context) => expect(context.debug).toBe(true) })], state, {
      ui: new RecordingUi({ answers: [''] }),
      debug: true,
    });
    expect(state.trace).toEqual(['run:a']);
  });
});
