import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';
import { encodeUserData, maxUserDataBytes, userDataFileIssues } from './user-data';
import { vmLaunchBlock } from './vm-launch-block';

const vm = { vm_type: 'tinav6.c2r4p2' };

describe('VM launch block', () => {
  it.each([
    ['no vm_type', {}, [{ path: 'vm_type', message: 'is required' }]],
    [
      'an empty vm_type (an unset variable)',
      { vm_type: '{{user `empty`}}' },
      [{ path: 'vm_type', message: 'an vm_type must be specified (e.g. "tinav6.c2r4p2")' }],
    ],
    [
      'both user data forms',
      { ...vm, user_data: '#!/bin/sh', user_data_file: 'x.sh' },
      [{ path: 'user_data_file', message: 'only one of user_data or user_data_file can be specified' }],
    ],
    [
      'user data declared base64 that is not',
      { ...vm, user_data: 'echo hi', user_data_base64: true },
      [{ path: 'user_data', message: 'is not valid base64, although user_data_base64 is true' }],
    ],
    [
      'user data over the API limit once encoded',
      { ...vm, user_data: 'x'.repeat(400_000) },
      [
        {
          path: 'user_data',
          message: `is 533336 bytes once base64-encoded; the API accepts at most ${maxUserDataBytes}`,
        },
      ],
    ],
    [
      'an unknown shutdown behaviour',
      { ...vm, shutdown_behavior: 'halt' },
      [{ path: 'shutdown_behavior', message: 'must be one of: stop, terminate (got "halt")' }],
    ],
    [
      'an unknown boot mode',
      { ...vm, boot_mode: 'UEFI' },
      [{ path: 'boot_mode', message: 'must be one of: legacy, uefi; did you mean "uefi"? (got "UEFI")' }],
    ],
    [
      'T2 Unlimited with a non-T2 type (validated as Packer does)',
      { ...vm, enable_t2_unlimited: true },
      [{ path: 'enable_t2_unlimited', message: 'T2 Unlimited enabled with a non-T2 vm_type: tinav6.c2r4p2' }],
    ],
    [
      'a block duration that is not a multiple of 60',
      { ...vm, block_duration_minutes: '90' },
      [{ path: 'block_duration_minutes', message: 'block_duration_minutes must be multiple of 60' }],
    ],
    [
      'a windows_password_timeout that is a bare number',
      { ...vm, windows_password_timeout: 30 },
      [
        {
          path: 'windows_password_timeout',
          message: 'must be a duration such as "30s", "5m" or "1h30m" (got 30); write "30s" for 30 seconds',
        },
      ],
    ],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(vmLaunchBlock, raw))).toEqual(issues);
  });

  it("decodes with Packer's defaults and weak typing", () => {
    const value = decoded(decodeBlock(vmLaunchBlock, { ...vm, bsu_optimized: '1', disable_stop_vm: 'false' }));
    expect(value).toMatchObject({
      vm_type: 'tinav6.c2r4p2',
      shutdown_behavior: 'stop',
      bsu_optimized: true,
      disable_stop_vm: false,
      user_data_base64: false,
      windows_password_timeout: 1_200_000,
      enable_t2_unlimited: false,
      block_duration_minutes: 0,
    });
  });

  it('warns loudly about the keys that have no effect on Outscale', () => {
    const result = decodeBlock(vmLaunchBlock, {
      vm_type: 't2.micro',
      iam_vm_profile: 'builder',
      enable_t2_unlimited: 'true',
      block_duration_minutes: 120,
      ebs_optimized: true,
    });
    expect(decoded(result).bsu_optimized).toBe(true);
    expect(result.warnings).toEqual([
      'ebs_optimized: deprecated key; use "bsu_optimized" instead',
      'iam_vm_profile: has no effect on Outscale (there are no VM profiles); remove it',
      'enable_t2_unlimited: has no effect on Outscale; remove it',
      'block_duration_minutes: has no effect on Outscale (there are no spot VMs); remove it',
    ]);
  });

  it('leaves run_tags for the build (build data is checked later)', () => {
    const value = decoded(decodeBlock(vmLaunchBlock, { ...vm, run_tags: { Base: '{{ .SourceOMIName }}', n: 1 } }));
    expect(value.run_tags).toEqual({ Base: '{{ .SourceOMIName }}', n: '1' });
  });

  it('encodes user data as written, and warns when it looks encoded already', () => {
    const script = '#!/bin/sh\necho hello > /tmp/hello\n';
    const encoded = Buffer.from(script).toString('base64');
    const plain = decodeBlock(vmLaunchBlock, { ...vm, user_data: script });
    expect(plain.warnings).toEqual([]);
    // The Go plugin sent "abcd" raw (it decodes as base64); here it is always text.
    expect(encodeUserData('abcd', false)).toBe('YWJjZA==');
    const looks = decodeBlock(vmLaunchBlock, { ...vm, user_data: encoded });
    expect(looks.warnings).toEqual([
      'user_data looks base64-encoded; it is encoded again before being sent (the VM gets the text as written). Set user_data_base64: true if it is already encoded.',
    ]);
    const declared = decodeBlock(vmLaunchBlock, { ...vm, user_data: encoded, user_data_base64: true });
    expect(declared.warnings).toEqual([]);
    expect(encodeUserData(`${encoded.slice(0, 8)}\n${encoded.slice(8)}`, true)).toBe(encoded);
    expect(encodeUserData(Buffer.from(script), false)).toBe(encoded);
  });
});

describe('userDataFileIssues', () => {
  const dir = mkdtempSync(join(tmpdir(), 'osc-user-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'small.sh'), '#!/bin/sh\n');
  writeFileSync(join(dir, 'big.bin'), Buffer.alloc(400_000));

  it.each([
    ['no file', {}, []],
    ['a file relative to the working directory', { user_data_file: 'small.sh' }, []],
    [
      'a missing file',
      { user_data_file: 'nope.sh' },
      [{ path: 'user_data_file', message: 'user_data_file not found: nope.sh' }],
    ],
    ['a directory', { user_data_file: '.' }, [{ path: 'user_data_file', message: 'is not a file: .' }]],
    [
      'a file too big once encoded',
      { user_data_file: 'big.bin' },
      [
        {
          path: 'user_data_file',
          message: `big.bin is 533336 bytes once base64-encoded; the API accepts at most ${maxUserDataBytes}`,
        },
      ],
    ],
    ['a big file that is already encoded', { user_data_file: 'big.bin', user_data_base64: true }, []],
  ])('%s', (_, keys, issues) => {
    expect(userDataFileIssues({ user_data_base64: false, ...keys }, dir)).toEqual(issues);
  });
});
