import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../communicator/communicator';
import { RecordingUi } from '../../test/recording-ui';
import { testRun } from '../provisioner-test-helpers';
import { breakpointProvisioner } from './breakpoint-provisioner';

const comm = {} as Communicator;

describe('breakpoint provisioner', () => {
  it('pauses with its note until enter is pressed', async () => {
    const run = testRun('.');
    const paused = breakpointProvisioner.provision(run, { disable: false, note: 'after apt' }, comm);
    await run.ui.waitFor((event) => event.kind === 'ask');
    expect(run.ui.texts('say')).toEqual(['Pausing at breakpoint provisioner with note "after apt".']);
    expect(run.ui.texts('ask')).toEqual(['Press enter to continue.']);
    run.ui.answer('');
    await paused;
  });

  it('says it is disabled and goes on', async () => {
    const run = testRun('.');
    await breakpointProvisioner.provision(run, { disable: true, note: undefined }, comm);
    expect(run.ui.texts('say')).toEqual(['Breakpoint provisioner disabled; continuing...']);
    expect(run.ui.texts('ask')).toEqual([]);
  });

  it('fails without a terminal to ask on', async () => {
    const run = { ...testRun('.'), ui: new RecordingUi({ interactive: false }) };
    await expect(breakpointProvisioner.provision(run, { disable: false, note: undefined }, comm)).rejects.toThrow(
      'Error asking for input: no interactive terminal',
    );
  });
});
