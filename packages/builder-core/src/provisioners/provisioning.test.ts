import { describe, expect, it } from 'vitest';
import { BuildCancelledError } from '../build/build-cancelled-error';
import type { Communicator } from '../communicator/communicator';
import { RecordingUi } from '../test/recording-ui';
import { noopLogger } from '../ui/logger';
import { createProvisioning } from './create-provisioning';
import { prepareProvisioners } from './prepare-provisioners';
import type { PreparedProvisioner, ProvisionerPlugin, ProvisionerRun } from './provisioner-plugin';
import { ProvisionerTimeoutError } from './provisioner-timeout-error';

const communicator = {} as Communicator;
const identity = { buildName: 'bsu', builderType: 'osc-bsu', env: {}, cwd: '.' };

/** A provisioner that fails `failures` times, or waits for its signal when `hang` is set. */
function scripted(options: { failures?: number; hang?: boolean; calls: ProvisionerRun[] } = { calls: [] }) {
  let failures = options.failures ?? 0;
  return async (run: ProvisionerRun) => {
    options.calls.push(run);
    if (options.hang) {
      await new Promise((_, reject) => run.signal.addEventListener('abort', () => reject(run.signal.reason)));
    }
    if (failures > 0) {
      failures -= 1;
      throw new Error(`exit status ${failures + 1}`);
    }
  };
}

function prepared(provision: PreparedProvisioner['provision'], extra: Partial<PreparedProvisioner> = {}) {
  return { type: 'shell', pauseBeforeMs: 0, maxRetries: 0, timeoutMs: 0, provision, ...extra };
}

function runWith(ui: RecordingUi, signal = new AbortController().signal, debug = false) {
  return { ui, log: noopLogger, signal, debug };
}

describe('provisioning hook', () => {
  it('runs provisioners in order with the build identity and generated data', async () => {
    const calls: ProvisionerRun[] = [];
    const provisioning = createProvisioning(
      [prepared(scripted({ calls })), prepared(scripted({ calls }))],
      undefined,
      identity,
    );
    expect(provisioning.count).toBe(2);
    await provisioning.provision(runWith(new RecordingUi()), communicator, { Host: '10.0.0.9' });
    expect(calls.map((run) => [run.buildName, run.builderType, run.generatedData.Host])).toEqual([
      ['bsu', 'osc-bsu', '10.0.0.9'],
      ['bsu', 'osc-bsu', '10.0.0.9'],
    ]);
  });

  it('retries a failed provisioner max_retries times', async () => {
    const calls: ProvisionerRun[] = [];
    const ui = new RecordingUi();
    const provisioning = createProvisioning(
      [prepared(scripted({ failures: 2, calls }), { maxRetries: 3 })],
      undefined,
      identity,
    );
    await provisioning.provision(runWith(ui), communicator, {});
    expect(calls).toHaveLength(3);
    expect(ui.texts('say')).toEqual([
      'Provisioner failed with "exit status 2", retrying with 3 trie(s) left',
      'Provisioner failed with "exit status 1", retrying with 2 trie(s) left',
    ]);
  });

  it('gives up after the last retry with the last error', async () => {
    const ui = new RecordingUi();
    const provisioning = createProvisioning(
      [prepared(scripted({ failures: 5, calls: [] }), { maxRetries: 1 })],
      undefined,
      identity,
    );
    await expect(provisioning.provision(runWith(ui), communicator, {})).rejects.toThrow('exit status 4');
    expect(ui.texts('say').at(-1)).toBe('retry limit reached.');
  });

  it('pauses before, and cancels a provisioner that runs past its timeout', async () => {
    const ui = new RecordingUi();
    const provisioning = createProvisioning(
      [prepared(scripted({ hang: true, calls: [] }), { pauseBeforeMs: 5, timeoutMs: 20 })],
      undefined,
      identity,
    );
    const failure = provisioning.provision(runWith(ui), communicator, {});
    await expect(failure).rejects.toSatisfy(ProvisionerTimeoutError.isInstance);
    await expect(failure).rejects.toThrow('The shell provisioner did not finish within its timeout of 20ms.');
    expect(ui.texts('say')).toEqual([
      'Pausing 5ms before the next provisioner...',
      'Setting a 20ms timeout for the next provisioner...',
    ]);
    expect(ui.texts('error')).toEqual(['Cancelling provisioner after a timeout...']);
  });

  it('does not retry once cancelled', async () => {
    const calls: ProvisionerRun[] = [];
    const cancel = new AbortController();
    const ui = new RecordingUi();
    const provisioning = createProvisioning(
      [prepared(scripted({ hang: true, calls }), { maxRetries: 5 })],
      undefined,
      identity,
    );
    const run = provisioning.provision(runWith(ui, cancel.signal), communicator, {});
    cancel.abort();
    await expect(run).rejects.toSatisfy(BuildCancelledError.isInstance);
    expect(calls).toHaveLength(1);
  });

  it('pauses before each provisioner under -debug', async () => {
    const ui = new RecordingUi({ answers: [''] });
    const provisioning = createProvisioning([prepared(scripted({ calls: [] }))], undefined, identity);
    await provisioning.provision(runWith(ui, undefined, true), communicator, {});
    expect(ui.texts('ask')).toEqual(['Pausing before the next provisioner. Press enter to continue.']);
  });

  it('runs the error-cleanup-provisioner on request', async () => {
    const calls: ProvisionerRun[] = [];
    const provisioning = createProvisioning([], prepared(scripted({ calls })), identity);
    await provisioning.errorCleanup(runWith(new RecordingUi()), communicator, {});
    expect(calls).toHaveLength(1);
  });
});

describe('prepareProvisioners', () => {
  const seen: Record<string, unknown>[] = [];
  const plugin: ProvisionerPlugin<Record<string, unknown>> = {
    type: 'shell',
    prepare(raw) {
      seen.push({ ...raw });
      if (raw.inline === 'bad') {
        return { ok: false, issues: [{ path: 'inline', message: 'must be a list' }], warnings: ['old key'] };
      }
      return { ok: true, config: raw, warnings: [], secrets: ['s3cret'] };
    },
    provision: async () => {},
  };
  const registry = new Map([['shell', plugin as ProvisionerPlugin]]);
  const env = { buildName: 'bsu', builderType: 'osc-bsu', env: {}, cwd: '.' };

  it('selects by only/except, applies override for the build, and keeps template options', () => {
    seen.length = 0;
    const result = prepareProvisioners(
      [
        { type: 'shell', config: { inline: ['a'] }, only: ['other'] },
        { type: 'shell', config: { inline: ['b'] }, except: ['bsu'] },
        {
          type: 'shell',
          config: { inline: ['c'], execute_command: 'x' },
          override: { bsu: { inline: ['c-for-bsu'] }, other: { inline: ['no'] } },
          pauseBeforeMs: 1000,
          maxRetries: 2,
          timeoutMs: 60_000,
        },
        { type: 'shell', config: { inline: ['d'] }, only: ['bsu'] },
      ],
      registry,
      env,
    );
    expect(seen).toEqual([{ inline: ['c-for-bsu'], execute_command: 'x' }, { inline: ['d'] }]);
    expect(result.provisioners.map((p) => [p.pauseBeforeMs, p.maxRetries, p.timeoutMs])).toEqual([
      [1000, 2, 60_000],
      [0, 0, 0],
    ]);
    expect(result.secrets).toEqual(['s3cret', 's3cret']);
    expect(result.issues).toEqual([]);
  });

  it('reports unknown types and plugin issues with their key paths', () => {
    const result = prepareProvisioners(
      [
        { type: 'ansible', config: {} },
        { type: 'shell', config: { inline: 'bad' } },
      ],
      registry,
      env,
    );
    expect(result.issues).toEqual([
      { path: 'provisioners[0].type', message: 'unknown provisioner type "ansible" (known: shell)' },
      { path: 'provisioners[1].inline', message: 'must be a list' },
    ]);
    expect(result.warnings).toEqual(['provisioners[1]: old key']);
  });
});
