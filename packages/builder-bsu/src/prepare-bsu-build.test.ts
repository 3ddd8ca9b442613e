import { createInterpolationContext, type PrepareEnv } from '@osc-packer/builder-core';
import { describe, expect, it } from 'vitest';
import { prepareBsuBuild } from './prepare-bsu-build';

const raw = {
  access_key: 'AK',
  secret_key: 'SK',
  source_omi: 'ami-12345678',
  vm_type: 'tinav5.c1r1p2',
  ssh_username: 'outscale',
  omi_name: 'web',
};

function envWith(variables: Record<string, string>): PrepareEnv {
  return {
    buildName: 'web',
    builderType: 'osc-bsu',
    force: false,
    debug: false,
    onError: 'cleanup',
    templatePath: '/templates/web.json',
    userVariables: {},
    env: variables,
    interpolation: createInterpolationContext({ cwd: '/tmp' }),
  };
}

describe('prepareBsuBuild', () => {
  it('carries the config, the environment and the OSC_POLL_* waiter settings to the run', () => {
    const result = prepareBsuBuild(raw, envWith({ OSC_POLL_DELAY_SECONDS: '0.5', OSC_POLL_TIMEOUT_SECONDS: '900' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.waiter).toEqual({ minDelayMs: 500, timeoutMs: 900_000 });
    expect(result.config.templatePath).toBe('/templates/web.json');
    expect(result.config.config.omi_name).toBe('web');
    expect(result.secrets).toEqual(expect.arrayContaining(['SK']));
  });

  it('reports a wrong OSC_POLL_* value and the config problems together', () => {
    const result = prepareBsuBuild({ ...raw, vm_type: '' }, envWith({ OSC_POLL_MAX_ATTEMPTS: 'many' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['vm_type', 'environment']));
    expect(result.issues.find((issue) => issue.path === 'environment')?.message).toContain('OSC_POLL_MAX_ATTEMPTS');
  });

  it('refuses the WinRM communicator before anything is created', () => {
    const result = prepareBsuBuild(
      { ...raw, communicator: 'winrm', winrm_username: 'Administrator', winrm_password: 'pw' },
      envWith({}),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toContain('WinRM is not supported');
  });
});
