import { createInterpolationContext } from '../interpolation/interpolation-context';
import { RecordingUi } from '../test/recording-ui';
import { noopLogger } from '../ui/logger';
import type { PluginPrepareEnv } from './plugin-prepare-env';
import type { ProvisionerRun } from './provisioner-plugin';

/** A prepare env for provisioner tests, with a real interpolation context. */
export function testPrepareEnv(cwd: string, extra: Partial<PluginPrepareEnv> = {}): PluginPrepareEnv {
  return {
    buildName: 'bsu',
    builderType: 'osc-bsu',
    env: { PATH: process.env.PATH },
    cwd,
    interpolation: createInterpolationContext({ userVariables: { who: 'world' }, cwd }),
    ...extra,
  };
}

/** A provisioner run for tests, recording its Ui. */
export function testRun(cwd: string, extra: Partial<ProvisionerRun> = {}): ProvisionerRun & { ui: RecordingUi } {
  const ui = new RecordingUi();
  return {
    ui,
    log: noopLogger,
    signal: new AbortController().signal,
    debug: false,
    buildName: 'bsu',
    builderType: 'osc-bsu',
    generatedData: { Host: '127.0.0.1', ID: 'i-12345678' },
    env: { PATH: process.env.PATH },
    cwd,
    interpolation: createInterpolationContext({ userVariables: { who: 'world' }, cwd }),
    ...extra,
  } as ProvisionerRun & { ui: RecordingUi };
}
