import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestPostProcessor } from '../post-processors/manifest/manifest-post-processor';
import { builtinProvisioners } from './builtin-provisioners';
import { prepareProvisioners } from './prepare-provisioners';
import { testPrepareEnv } from './provisioner-test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'osc-packer-prov-config-'));
writeFileSync(join(dir, 'setup.sh'), 'echo hi\n');
const env = testPrepareEnv(dir);
const registry = builtinProvisioners();

function issuesOf(type: string, config: Record<string, unknown>) {
  return prepareProvisioners([{ type, config }], registry, env).issues;
}

describe('provisioner configs', () => {
  it('decodes shell with Packer defaults and weak typing, rendering templates', () => {
    const result = registry.get('shell')?.prepare(
      {
        inline: ['echo {{user `who`}} from {{build_name}}'],
        environment_vars: 'A=1,B=2',
        expect_disconnect: 'true',
        valid_exit_codes: ['0', 2],
        start_retry_timeout: '30s',
      },
      env,
    );
    expect(result).toMatchObject({
      ok: true,
      config: {
        inline: ['echo world from bsu'],
        environment_vars: ['A=1', 'B=2'],
        expect_disconnect: true,
        valid_exit_codes: [0, 2],
        start_retry_timeout: 30_000,
        inline_shebang: '/bin/sh -e',
        remote_folder: '/tmp',
        skip_clean: false,
        pause_after: 0,
      },
    });
  });

  it('keeps execute_command for run time and accepts {{build}} before the machine exists', () => {
    const result = registry
      .get('shell')
      ?.prepare({ inline: ['echo {{ build `Host` }}'], execute_command: 'sudo {{.Vars}} {{.Path}}' }, env);
    expect(result).toMatchObject({ ok: true, config: { execute_command: 'sudo {{.Vars}} {{.Path}}' } });
  });

  it("reports Packer's shell rules with key paths, all at once", () => {
    expect(issuesOf('shell', {})).toEqual([
      { path: 'provisioners[0]', message: 'Either a script file or inline script must be specified.' },
    ]);
    expect(issuesOf('shell', { inline: ['x'], script: 'setup.sh', environment_vars: ['=nope'], scriptz: 1 })).toEqual([
      expect.objectContaining({ path: 'provisioners[0].scriptz' }),
    ]);
    expect(issuesOf('shell', { inline: ['x'], script: 'missing.sh', environment_vars: ['=nope'] })).toEqual([
      { path: 'provisioners[0].inline', message: 'Only a script file or an inline script can be specified, not both.' },
      { path: 'provisioners[0].script', message: "Bad script 'missing.sh': no such file" },
      { path: 'provisioners[0].environment_vars', message: "Environment variable not in format 'key=value': =nope" },
    ]);
    expect(issuesOf('shell', { script: 'setup.sh', start_retry_timeout: 'soon' })).toEqual([
      expect.objectContaining({ path: 'provisioners[0].start_retry_timeout' }),
    ]);
  });

  it("checks file's sources, destination and direction", () => {
    expect(issuesOf('file', { source: 'setup.sh', destination: '/tmp/setup.sh' })).toEqual([]);
    expect(issuesOf('file', { source: 'gone', destination: '/tmp/x', generated: true })).toEqual([]);
    expect(issuesOf('file', { source: 'gone', destination: '/tmp/x' })).toEqual([
      { path: 'provisioners[0].source', message: "Bad source 'gone': no such file" },
    ]);
    expect(
      issuesOf('file', { sources: ['setup.sh', 'setup.sh'], destination: '/tmp/x', direction: 'sideways' }),
    ).toEqual([expect.objectContaining({ path: 'provisioners[0].direction' })]);
    expect(issuesOf('file', { sources: ['setup.sh', 'setup.sh'], destination: '/tmp/x' })).toEqual([
      { path: 'provisioners[0].destination', message: 'must end with / (a directory) when there are several sources' },
    ]);
    expect(issuesOf('file', { source: 'a', destination: '/remote/a', direction: 'download' })).toEqual([]);
    expect(issuesOf('file', { destination: '/tmp/x' })).toEqual([
      { path: 'provisioners[0].source', message: 'One of source, sources or content must be specified.' },
    ]);
  });

  it("checks shell-local's command options and only_on", () => {
    expect(issuesOf('shell-local', {})).toEqual([
      { path: 'provisioners[0]', message: 'Command, Inline, Script and Scripts options cannot all be empty.' },
    ]);
    expect(issuesOf('shell-local', { command: 'true', inline: ['x'], only_on: ['beos'] })).toEqual([
      expect.objectContaining({
        path: 'provisioners[0]',
        message: expect.stringContaining('You may only specify one'),
      }),
      expect.objectContaining({ path: 'provisioners[0].only_on', message: expect.stringContaining("'beos'") }),
    ]);
  });

  it('decodes breakpoint and manifest', () => {
    expect(registry.get('breakpoint')?.prepare({ note: 'here', disable: 'false' }, env)).toMatchObject({
      ok: true,
      config: { note: 'here', disable: false },
    });
    expect(manifestPostProcessor.prepare({ strip_path: 'true', custom_data: { n: 1 } }, env)).toMatchObject({
      ok: true,
      config: { output: 'packer-manifest.json', strip_path: true, strip_time: false, custom_data: { n: '1' } },
    });
    expect(manifestPostProcessor.prepare({ outptu: 'x.json' }, env)).toMatchObject({
      ok: false,
      issues: [{ path: 'outptu', message: expect.stringContaining('output') }],
    });
  });
});
