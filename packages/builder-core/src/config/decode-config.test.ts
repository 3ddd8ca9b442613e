import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInterpolationContext } from '../interpolation/interpolation-context';
import { composeConfig, configBlock } from './config-block';
import { decodeConfig } from './decode-config';
import { sensitive } from './field-annotations';
import { goDuration } from './go-duration';
import { formatKeyPath, parseKeyPath } from './key-path';
import { stringMap } from './string-map';
import { weakBoolean } from './weak-boolean';
import { weakInteger, weakNumber } from './weak-number';
import { weakString } from './weak-string';
import { weakStringList } from './weak-string-list';

const blockDevice = z.strictObject({
  device_name: weakString().describe('Device name, e.g. `/dev/sda1`.'),
  volume_size: weakInteger({ min: 1 }).optional().describe('Size in GiB.'),
  volume_type: z.enum(['standard', 'gp2', 'io1']).optional().describe('Volume type.'),
  delete_on_vm_deletion: weakBoolean().optional(),
  iops: weakInteger().optional(),
});

const access = configBlock(
  'Access',
  z.strictObject({
    access_key: sensitive(weakString()).optional().describe('Access key. Env: `OSC_ACCESS_KEY`.'),
    secret_key: sensitive(weakString()).optional().describe('Secret key. Env: `OSC_SECRET_KEY`.'),
    region: weakString().optional().describe('Region.'),
    custom_endpoint_oapi: weakString().optional().describe('OAPI endpoint.'),
  }),
  {
    aliases: { oapi_custom_endpoint: 'custom_endpoint_oapi' },
    check(value, report) {
      if (value.access_key && !value.secret_key) report.issue('secret_key', 'is required when access_key is set');
    },
  },
);

const run = configBlock(
  'Run',
  z.strictObject({
    vm_type: weakString().describe('VM type.'),
    omi_name: weakString().optional(),
    omi_regions: weakStringList().optional(),
    associate_public_ip_address: weakBoolean().default(false),
    ssh_timeout: goDuration({ min: 0 }).default(300_000).describe('How long to wait for SSH.'),
    volume_ratio: weakNumber().optional(),
    tags: stringMap().optional(),
    launch_block_device_mappings: z.array(blockDevice).optional(),
  }),
  {
    aliases: {
      ssh_wait_timeout: 'ssh_timeout',
      'launch_block_device_mappings[].delete_on_termination': 'delete_on_vm_deletion',
    },
    deferred: ['tags'],
  },
);

const spec = composeConfig('test builder', access, run);
const interpolation = createInterpolationContext({
  now: new Date(Date.UTC(2026, 10, 26, 22, 11, 19)),
  userVariables: { size: '40', secret: 'hunter2-secret', empty: '' },
});

describe('decodeConfig', () => {
  it('decodes with weak typing, defaults, interpolation and deferred fields left intact', () => {
    const result = decodeConfig(
      spec,
      {
        type: 'osc-bsu',
        packer_build_name: 'tolerated',
        vm_type: 'tinav6.c4r8p2',
        omi_name: 'packer {{timestamp}}',
        omi_regions: 'eu-west-2, us-east-2',
        associate_public_ip_address: 'true',
        ssh_timeout: '1h30m',
        volume_ratio: '0.5',
        tags: { Base: '{{ .SourceOMIName }}', Count: 3 },
        launch_block_device_mappings: [{ device_name: '/dev/sda1', volume_size: '{{user `size`}}', iops: '' }],
      },
      { interpolation },
    );
    expect(result).toEqual({
      ok: true,
      warnings: [],
      secrets: [],
      value: {
        vm_type: 'tinav6.c4r8p2',
        omi_name: 'packer 1795731079',
        omi_regions: ['eu-west-2', 'us-east-2'],
        associate_public_ip_address: true,
        ssh_timeout: 5_400_000,
        volume_ratio: 0.5,
        tags: { Base: '{{ .SourceOMIName }}', Count: '3' },
        launch_block_device_mappings: [{ device_name: '/dev/sda1', volume_size: 40 }],
      },
    });
  });

  it('reports every problem at once, with key paths, suggestions and the values at fault', () => {
    const result = decodeConfig(
      spec,
      {
        vm_typ: 'x',
        ami_name: 'legacy',
        associate_public_ip_address: 'maybe',
        ssh_timeout: 300,
        omi_name: 'packer {{ tiemstamp }}',
        tags: { a: '{{ user `nope` }}' },
        launch_block_device_mappings: [
          { device_name: '/dev/sda1', volume_size: '0' },
          { volume_size: 'ten', volume_type: 'gp3', virtual_name: 'ephemeral0' },
        ],
      },
      { interpolation },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: 'vm_typ', message: 'unknown configuration key; did you mean "vm_type"?' },
        { path: 'ami_name', message: 'unknown configuration key; did you mean "omi_name"?' },
        { path: 'vm_type', message: 'is required' },
        { path: 'associate_public_ip_address', message: 'must be a boolean: true or false (got "maybe")' },
        {
          path: 'ssh_timeout',
          message: 'must be a duration such as "30s", "5m" or "1h30m" (got 300); write "300s" for 300 seconds',
        },
        {
          path: 'omi_name',
          message: expect.stringContaining('function "tiemstamp" is not defined; did you mean "timestamp"?'),
        },
        { path: 'tags.a', message: expect.stringContaining('undefined variable "nope"') },
        { path: 'launch_block_device_mappings[0].volume_size', message: 'must be at least 1 (got 0)' },
        { path: 'launch_block_device_mappings[1].device_name', message: 'is required' },
        { path: 'launch_block_device_mappings[1].volume_size', message: 'must be a number (got "ten")' },
        {
          path: 'launch_block_device_mappings[1].volume_type',
          message: 'must be one of: standard, gp2, io1; did you mean "gp2"? (got "gp3")',
        },
        { path: 'launch_block_device_mappings[1].virtual_name', message: 'unknown configuration key' },
      ]),
    );
    expect(result.issues).toHaveLength(12);
  });

  it('renames deprecated keys with a warning, and refuses both spellings at once', () => {
    const renamed = decodeConfig(spec, {
      vm_type: 't',
      oapi_custom_endpoint: 'outscale.com/oapi/latest',
      ssh_wait_timeout: '5m',
      launch_block_device_mappings: [{ device_name: '/dev/sdb', delete_on_termination: true }],
    });
    expect(renamed).toMatchObject({
      ok: true,
      value: {
        custom_endpoint_oapi: 'outscale.com/oapi/latest',
        ssh_timeout: 300_000,
        launch_block_device_mappings: [{ device_name: '/dev/sdb', delete_on_vm_deletion: true }],
      },
      warnings: [
        'launch_block_device_mappings[0].delete_on_termination: deprecated key; use "launch_block_device_mappings[0].delete_on_vm_deletion" instead',
        'oapi_custom_endpoint: deprecated key; use "custom_endpoint_oapi" instead',
        'ssh_wait_timeout: deprecated key; use "ssh_timeout" instead',
      ],
    });
    const both = decodeConfig(spec, { vm_type: 't', ssh_wait_timeout: '5m', ssh_timeout: '1m' });
    expect(both).toMatchObject({
      ok: false,
      issues: [
        { path: 'ssh_wait_timeout', message: 'is the deprecated name of "ssh_timeout"; set only "ssh_timeout"' },
      ],
    });
  });

  it('runs cross-field checks of blocks that decoded, even when another block failed', () => {
    const result = decodeConfig(spec, { access_key: 'AK', vm_type: 5, volume_ratio: 'x' });
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { path: 'secret_key', message: 'is required when access_key is set' },
        { path: 'volume_ratio', message: 'must be a number (got "x")' },
      ],
    });
  });

  it('never quotes sensitive values and returns them as secrets to scrub', () => {
    const bad = decodeConfig(spec, { vm_type: 't', secret_key: { nested: 'hunter2-secret' } });
    expect(JSON.stringify(bad)).not.toContain('hunter2-secret');
    expect(bad).toMatchObject({
      ok: false,
      issues: [{ path: 'secret_key', message: 'must be a string (got an object)' }],
    });
    const good = decodeConfig(
      spec,
      { vm_type: 't', access_key: 'AK', secret_key: '{{user `secret`}}' },
      { interpolation },
    );
    expect(good).toMatchObject({ ok: true, secrets: ['AK', 'hunter2-secret'] });
    // A secret that happens to hold template braces is not quoted by the interpolation error either.
    const braces = decodeConfig(
      spec,
      { vm_type: 't', access_key: 'AK', secret_key: 'hunter2{{secret' },
      { interpolation },
    );
    expect(JSON.stringify(braces)).not.toContain('hunter2');
    expect(braces).toMatchObject({
      ok: false,
      issues: [{ path: 'secret_key', message: expect.stringMatching(/\(in a sensitive value, not shown\)$/) }],
    });
  });

  it('accepts a bare zod object schema, and rejects what is not an object', () => {
    expect(decodeConfig(blockDevice, { device_name: '/dev/sdb', volume_size: '8' })).toMatchObject({
      ok: true,
      value: { device_name: '/dev/sdb', volume_size: 8 },
    });
    expect(decodeConfig(blockDevice, ['x'])).toMatchObject({
      ok: false,
      issues: [{ path: '', message: 'must be an object' }],
    });
  });

  it('refuses a key declared by two blocks', () => {
    expect(() => composeConfig('dup', run, run)).toThrow(/"vm_type" is declared by two blocks of dup/);
  });
});

describe('weak field helpers', () => {
  const fields = z.strictObject({
    n: weakNumber().optional(),
    i: weakInteger().optional(),
    b: weakBoolean().optional(),
    s: weakString().optional(),
    l: weakStringList().optional(),
    d: goDuration().optional(),
  });
  it.each([
    [{ n: '10' }, { n: 10 }],
    [{ n: ' -1.5e2 ' }, { n: -150 }],
    [{ i: '0x1F' }, { i: 31 }],
    [{ i: true }, { i: 1 }],
    [{ n: '' }, {}],
    [{ b: 'true' }, { b: true }],
    [{ b: '1' }, { b: true }],
    [{ b: 'F' }, { b: false }],
    [{ b: 0 }, { b: false }],
    [{ s: 22 }, { s: '22' }],
    [{ s: true }, { s: '1' }],
    [{ l: 'a,b , c' }, { l: ['a', 'b', 'c'] }],
    [{ l: '' }, { l: [] }],
    [{ l: ['x', 1, false] }, { l: ['x', '1', '0'] }],
    [{ d: '1h30m' }, { d: 5_400_000 }],
    [{ d: '500ms' }, { d: 500 }],
    [{ d: '10m' }, { d: 600_000 }],
    [{ d: '1.5h' }, { d: 5_400_000 }],
    [{ d: '-2m3s' }, { d: -123_000 }],
    [{ d: '0' }, { d: 0 }],
    [{ d: '1us' }, { d: 0.001 }],
  ])('decodes %j as %j', (raw, expected) => {
    expect(decodeConfig(fields, raw)).toEqual({ ok: true, value: expected, warnings: [], secrets: [] });
  });

  it.each([
    [{ i: '1.5' }, 'i', 'must be an integer (got 1.5)'],
    [{ n: 'ten' }, 'n', 'must be a number (got "ten")'],
    [{ b: 'yes' }, 'b', 'must be a boolean: true or false (got "yes")'],
    [{ s: ['a'] }, 's', 'must be a string (got a list)'],
    [{ l: { a: 1 } }, 'l', 'must be a list of strings (got an object)'],
    [{ l: [{}] }, 'l', 'item 0: must be a string (got an object)'],
    [{ d: '10' }, 'd', 'must be a duration such as "30s", "5m" or "1h30m" (got "10")'],
    [{ d: '5 minutes' }, 'd', 'must be a duration such as "30s", "5m" or "1h30m" (got "5 minutes")'],
  ])('rejects %j', (raw, path, message) => {
    expect(decodeConfig(fields, raw)).toMatchObject({ ok: false, issues: [{ path, message }] });
  });
});

describe('key paths', () => {
  it.each([
    [['launch_block_device_mappings', 1, 'device_name'], 'launch_block_device_mappings[1].device_name'],
    [['tags', 'Name:x'], 'tags["Name:x"]'],
    [['post-processors', 0, 1, 'output'], 'post-processors[0][1].output'],
    [[], ''],
  ])('formats %j as %j and parses it back', (path, text) => {
    expect(formatKeyPath(path)).toBe(text);
    expect(parseKeyPath(text)).toEqual(path);
  });
});

describe('build data in fields rendered at prepare time', () => {
  it('says which fields can use build data', () => {
    const result = decodeConfig(spec, { vm_type: 't', omi_name: 'copy of {{ .SourceOMIName }}' }, { interpolation });
    expect(result).toMatchObject({
      ok: false,
      issues: [
        {
          path: 'omi_name',
          message:
            '{{ .SourceOMIName }} is build data, only available in fields rendered during the build (in "copy of {{ .SourceOMIName }}" at column 12); build data is available in: tags',
        },
      ],
    });
  });
});
