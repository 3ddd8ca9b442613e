import { describe, expect, it } from 'vitest';
import { BuildCancelledError } from '../build/build-cancelled-error';
import type { BuildProvisioning } from '../build/build-provisioning';
import { createBuildContext } from '../build/create-build-context';
import type { Communicator } from '../communicator/communicator';
import { RecordingUi } from '../test/recording-ui';
import { provisionStep } from './provision-step';
import type { Step } from './step';

interface State {
  communicator?: Communicator;
}

const fakeCommunicator = {} as Communicator;

function provisioning(calls: string[], fail: boolean): BuildProvisioning {
  return {
    count: 1,
    provision: async (_run, _comm, data) => {
      calls.push(`provision ${String(data.Host)}`);
      if (fail) throw new Error('Script exited with non-zero exit status: 2. Allowed exit codes are: [0]');
    },
    errorCleanup: async () => void calls.push('error-cleanup'),
  };
}

function steps(build: ReturnType<typeof createBuildContext>): Step<State>[] {
  return [
    {
      name: 'connect',
      provides: ['communicator'],
      run: async (_, state) => {
        state.communicator = fakeCommunicator;
      },
    },
    provisionStep<State>(build, {
      requires: ['communicator'],
      communicator: (state) => state.communicator,
      generatedData: () => ({ Host: '10.0.0.1' }),
    }),
  ];
}

describe('provisionStep and BuildContext.runSteps', () => {
  it('runs the provisioners with the generated data', async () => {
    const calls: string[] = [];
    const build = createBuildContext({
      buildName: 'bsu',
      builderType: 'osc-bsu',
      ui: new RecordingUi(),
      provisioning: provisioning(calls, false),
    });
    await build.runSteps(steps(build), {});
    expect(calls).toEqual(['provision 10.0.0.1']);
  });

  it('runs the error-cleanup-provisioner after a failure, also under run-cleanup-provisioner', async () => {
    for (const onError of ['cleanup', 'run-cleanup-provisioner'] as const) {
      const calls: string[] = [];
      const ui = new RecordingUi();
      const build = createBuildContext({
        buildName: 'bsu',
        builderType: 'osc-bsu',
        ui,
        onError,
        provisioning: provisioning(calls, true),
      });
      await expect(build.runSteps(steps(build), {})).rejects.toMatchObject({
        step: 'provision',
        message: 'Script exited with non-zero exit status: 2. Allowed exit codes are: [0]',
      });
      expect(calls).toEqual(['provision 10.0.0.1', 'error-cleanup']);
      expect(ui.texts('say')).toContain('Provisioning step had errors: Running the cleanup provisioner, if present...');
    }
  });

  it("bounds the error-cleanup-provisioner by its cleanup's time limit", async () => {
    const ui = new RecordingUi();
    let stopped: unknown;
    const hanging: BuildProvisioning = {
      ...provisioning([], true),
      // A cleanup provisioner that never ends on its own: only its signal stops it.
      errorCleanup: (run) =>
        new Promise<void>((_resolve, reject) => {
          run.signal.addEventListener('abort', () => {
            stopped = run.signal.reason;
            reject(run.signal.reason);
          });
        }),
    };
    const build = createBuildContext({
      buildName: 'bsu',
      builderType: 'osc-bsu',
      ui,
      cleanupTimeoutMs: 50,
      provisioning: hanging,
    });
    await expect(build.runSteps(steps(build), {})).rejects.toMatchObject({ step: 'provision' });
    // The time limit aborted the provisioner's own signal, not only the runner's wait for it.
    expect((stopped as Error).message).toBe('did not finish within 50ms; gave up waiting');
    expect(ui.texts('error')).toContain(
      "Cleanup of step 'provision' failed: did not finish within 50ms; gave up waiting",
    );
  });

  it('rejects with BuildCancelledError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const build = createBuildContext({
      buildName: 'b',
      builderType: 't',
      ui: new RecordingUi(),
      signal: controller.signal,
    });
    await expect(build.runSteps(steps(build), {})).rejects.toSatisfy(BuildCancelledError.isInstance);
  });

  it('fails clearly without a communicator when there are provisioners', async () => {
    const build = createBuildContext({
      buildName: 'b',
      builderType: 't',
      ui: new RecordingUi(),
      provisioning: provisioning([], false),
    });
    const step = provisionStep<State>(build, { communicator: () => undefined, generatedData: () => ({}) });
    await expect(build.runSteps([step], {})).rejects.toThrow('No communicator found for provisioners!');
  });
});
