import {
  builtinPostProcessors,
  builtinProvisioners,
  CaptureStream,
  type CoreBuilder,
  composeConfig,
  configBlock,
  decodeConfig,
  goDuration,
  sensitive,
  stringMap,
  weakInteger,
  weakString,
} from '@osc-packer/builder-core';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBuilderRegistry } from './builder-registry';
import { tempFiles } from './cli-test-helpers';
import type { CommandContext } from './command-context';
import { runValidate } from './run-validate';

// A builder made of real parts (zod blocks + decodeConfig), as the Outscale builders will be.
const spec = composeConfig(
  'test builder',
  configBlock(
    'Run',
    z.strictObject({
      omi_name: weakString().describe('Name of the image.'),
      volume_size: weakInteger({ min: 1 }).optional(),
      secret_key: sensitive(weakString()).optional(),
      ssh_timeout: goDuration().default(300_000),
      tags: stringMap().optional(),
    }),
    { aliases: { ssh_wait_timeout: 'ssh_timeout' }, deferred: ['tags'] },
  ),
);
const seen: unknown[] = [];
const testBuilder: CoreBuilder = {
  type: 'osc-bsu',
  prepare(raw, env) {
    const result = decodeConfig(spec, raw, { interpolation: env.interpolation });
    if (!result.ok) return { ok: false, issues: result.issues, warnings: result.warnings };
    seen.push(result.value);
    return { ok: true, config: result.value, warnings: result.warnings, secrets: result.secrets };
  },
  run: async () => undefined,
};
const components = {
  builders: createBuilderRegistry([testBuilder]),
  provisioners: builtinProvisioners(),
  postProcessors: builtinPostProcessors(),
};

const files = tempFiles({
  'good.json': {
    variables: { secret: '{{env `MY_SECRET`}}' },
    'sensitive-variables': ['secret'],
    builders: [
      {
        type: 'outscale-bsu',
        omi_name: 'web {{isotime `2006-01-02`}} {{build_name}}',
        secret_key: '{{user `secret`}}',
        ssh_wait_timeout: '10m',
        tags: { Base: '{{ .SourceOMIName }}' },
      },
    ],
    provisioners: [{ type: 'shell-local', inline: ['echo {{user `secret`}}'] }],
    'post-processors': [{ type: 'manifest', output: 'manifest.json' }],
  },
  'bad.json': {
    variables: { secret: '{{env `MY_SECRET`}}' },
    'sensitive-variables': ['secret'],
    builders: [
      {
        type: 'osc-bsu',
        omi_nme: 'x',
        volume_size: '{{user `secret`}}',
        tags: { Base: '{{ .SourceOMIName | nope }}' },
      },
    ],
    provisioners: [{ type: 'shell-local', inline: 'not a list', bogus: 1 }, { type: 'ansible' }],
  },
});
afterAll(files.cleanup);

function context(): CommandContext & { stdout: CaptureStream; stderr: CaptureStream } {
  const stdout = new CaptureStream();
  const stderr = new CaptureStream();
  const io = { stdout, stderr, env: { MY_SECRET: 'hunter2-secret', PATH: process.env.PATH ?? '' }, cwd: files.dir };
  return { io, exitCode: 0, now: () => new Date(Date.UTC(2026, 10, 26, 22, 11, 19)), stdout, stderr };
}
const args = (template: string) => ({
  template,
  vars: [],
  varFiles: [],
  only: [],
  except: [],
  syntaxOnly: false,
  machineReadable: false,
});

describe('runValidate with a registered builder', () => {
  it('prepares builder, provisioners and post-processors, and reports a valid configuration', async () => {
    const ctx = context();
    expect(await runValidate(args('good.json'), ctx, components)).toBe(0);
    expect(ctx.stdout.text).toBe(
      'Warning: Warning when preparing build: "outscale-bsu"\n\nssh_wait_timeout: deprecated key; use "ssh_timeout" instead\n\nThe configuration is valid.\n',
    );
    expect(seen.at(-1)).toEqual({
      omi_name: 'web 2026-11-26 outscale-bsu',
      secret_key: 'hunter2-secret',
      ssh_timeout: 600_000,
      tags: { Base: '{{ .SourceOMIName }}' },
    });
  });

  it('reports every problem of every part at once, with template lines, and never prints secrets', async () => {
    const ctx = context();
    expect(await runValidate(args('bad.json'), ctx, components)).toBe(1);
    const stderr = ctx.stderr.text;
    expect(stderr).toContain('Error: Failed to prepare build: "osc-bsu"\n\n');
    expect(stderr).toContain('\t* omi_nme: unknown configuration key; did you mean "omi_name"? (line 11, column 7)');
    expect(stderr).toContain('\t* omi_name: is required');
    expect(stderr).toContain('\t* volume_size: must be a number (got "<sensitive>") (line 12, column 7)');
    expect(stderr).toContain('\t* tags.Base: function "nope" is not defined');
    expect(stderr).toContain('6 errors occurred:\n');
    expect(stderr).toContain('\t* provisioners[0].bogus: unknown configuration key (line 22, column 7)');
    expect(stderr).toContain('\t* provisioners[1].type: unknown provisioner type "ansible"');
    expect(stderr).not.toContain('hunter2-secret');
    expect(ctx.stdout.text).toBe('');
  });
});

describe('createBuilderRegistry', () => {
  it('answers to osc-* and outscale-* names, and lists them', () => {
    const registry = createBuilderRegistry([
      testBuilder,
      { builder: { ...testBuilder, type: 'null' }, aliases: ['nothing'] },
    ]);
    expect(registry.get('osc-bsu')).toBe(testBuilder);
    expect(registry.get('outscale-bsu')).toBe(testBuilder);
    expect(registry.get('nothing')?.type).toBe('null');
    expect(registry.types()).toEqual(['nothing', 'null', 'osc-bsu', 'outscale-bsu']);
    expect(() => createBuilderRegistry([testBuilder, testBuilder])).toThrow(
      'builder type "osc-bsu" is registered twice',
    );
  });
});
