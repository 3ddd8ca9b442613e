import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bsuDeferredFields } from './bsu-config';
import { bsuTestEnv } from './bsu-test-env';
import { prepareBsuConfig } from './prepare-bsu-config';

const minimal = {
  type: 'osc-bsu',
  vm_type: 'tinav6.c2r4p2',
  source_omi: 'ami-12345678',
  ssh_username: 'outscale',
  omi_name: 'packer-test',
  temporary_security_group_source_cidrs: ['203.0.113.7/32'],
};

function prepared(raw: Record<string, unknown>, env = bsuTestEnv()) {
  const result = prepareBsuConfig(raw, env);
  if (!result.ok) throw new Error(`expected to prepare, got: ${JSON.stringify(result.issues)}`);
  return result;
}

function issues(raw: Record<string, unknown>, env = bsuTestEnv()) {
  const result = prepareBsuConfig(raw, env);
  return result.ok ? [] : result.issues;
}

describe('prepareBsuConfig', () => {
  it("prepares a minimal template with the defaults of Packer's Outscale plugin", () => {
    const { config, warnings } = prepared(minimal);
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      vm_type: 'tinav6.c2r4p2',
      ssh_timeout: 600_000,
      ssh_port: 22,
      communicator: 'ssh',
      shutdown_behavior: 'stop',
      associate_public_ip_address: false,
      force_deregister: false,
      skip_create_omi: false,
      global_permission: false,
    });
  });

  it('takes an empty choice (an unset variable, e.g. "{{user `ssh_interface`}}") as not set, as Packer does', () => {
    const { config } = prepared({
      ...minimal,
      ssh_interface: '',
      shutdown_behavior: '',
      boot_mode: '',
      communicator: '',
      ssh_file_transfer_method: '',
      temporary_key_pair_type: '',
      launch_block_device_mappings: [{ device_name: '/dev/sda1', volume_type: '', volume_size: '' }],
    });
    expect(config).toMatchObject({ communicator: 'ssh', shutdown_behavior: 'stop', ssh_file_transfer_method: 'scp' });
    expect(config).not.toHaveProperty('ssh_interface');
    expect(config).not.toHaveProperty('boot_mode');
    expect(config).not.toHaveProperty('temporary_key_pair_type');
    expect(config.launch_block_device_mappings?.[0]).not.toHaveProperty('volume_type');
  });

  it('lists the fields rendered during the build', () => {
    expect([...bsuDeferredFields].sort()).toEqual([
      'omi_description',
      'run_tags',
      'run_volume_tags',
      'snapshot_tags',
      'tags',
    ]);
  });

  it('reports every problem at once, each with its key path', () => {
    const found = issues({
      type: 'outscale-bsu',
      source_omi_filter: { filters: { 'image-name': 'Debian-12-*', name: 'x', owner: 'me' } },
      ssh_usrname: 'outscale',
      omi_name: 'my image: v1',
      access_key: 'AKIAEXAMPLE',
      launch_block_device_mappings: [{ device_name: '/dev/sda1', volume_size: '40' }, { volume_size: 10 }],
      omi_block_device_mappings: [{ device_name: '/dev/sdb', virtual_name: 'ephemeral0' }],
      shutdown_behavior: 'terminate',
      omi_virtualization_type: 'paravirtual',
      tags: { Base: '{{ .SourceOmiName }}' },
    });
    expect(found.map((issue) => issue.path)).toEqual([
      'omi_virtualization_type',
      'ssh_usrname',
      'secret_key',
      'source_omi_filter.filters.owner',
      'vm_type',
      'launch_block_device_mappings[1].device_name',
      'omi_name',
      'ssh_username',
      'tags.Base',
    ]);
    expect(found.find((issue) => issue.path === 'ssh_usrname')?.message).toBe(
      'unknown configuration key; did you mean "ssh_username"?',
    );
    expect(found.find((issue) => issue.path === 'tags.Base')?.message).toContain('did you mean "SourceOMIName"?');
  });

  it('runs the rules between blocks once the blocks decode', () => {
    const found = issues({
      ...minimal,
      omi_block_device_mappings: [{ device_name: '/dev/sdb', virtual_name: 'ephemeral0' }],
      shutdown_behavior: 'terminate',
      omi_regions: ['us-east-2'],
      region: 'eu-west-2',
    });
    expect(found).toEqual([
      {
        path: 'shutdown_behavior',
        message:
          'terminate is not supported by osc-bsu: the OMI is made from the stopped VM, and a VM that terminates when it shuts down is gone (with its root volume) before that; use "stop", or osc-bsusurrogate',
      },
      {
        path: 'omi_regions[0]',
        message: expect.stringContaining('copying the OMI to another Region (us-east-2) is not supported'),
      },
    ]);
  });

  it('accepts weakly typed values in Outscale keys', () => {
    const { config } = prepared(
      {
        ...minimal,
        associate_public_ip_address: 'true',
        bsu_optimized: 1,
        ssh_port: '2222',
        ssh_timeout: '1h30m',
        omi_account_ids: '123456789012,210987654321',
        launch_block_device_mappings: [
          { device_name: '/dev/sda1', volume_size: '{{user `size`}}', delete_on_vm_deletion: 'true' },
        ],
        force_deregister: 'f',
      },
      bsuTestEnv({ userVariables: { size: '100' } }),
    );
    expect(config).toMatchObject({
      associate_public_ip_address: true,
      bsu_optimized: true,
      ssh_port: 2222,
      ssh_timeout: 5_400_000,
      omi_account_ids: ['123456789012', '210987654321'],
      launch_block_device_mappings: [{ device_name: '/dev/sda1', volume_size: 100, delete_on_vm_deletion: true }],
      force_deregister: false,
    });
  });

  it('leaves the deferred fields for the build and checks their build data names now', () => {
    const { config } = prepared({
      ...minimal,
      omi_name: 'packer-{{timestamp}}',
      omi_description: 'from {{ .SourceOMIName }} ({{ .SourceOMI }})',
      run_tags: { Name: 'builder {{ .BuildRegion }}' },
      run_volume_tags: { Source: '{{ .SourceOMIOwnerName }}' },
      tags: { Base: '{{ .SourceOMIName }}', Extra: '{{ .SourceOMITags.TagName }}', Built: '{{isotime "2006"}}' },
      snapshot_tags: { Date: '{{ .SourceOMICreationDate }}' },
    });
    expect(config.omi_name).toBe('packer-1795731079');
    expect(config.omi_description).toBe('from {{ .SourceOMIName }} ({{ .SourceOMI }})');
    expect(config.run_tags).toEqual({ Name: 'builder {{ .BuildRegion }}' });
    expect(config.run_volume_tags).toEqual({ Source: '{{ .SourceOMIOwnerName }}' });
    expect(config.tags?.Built).toBe('{{isotime "2006"}}');
    const wrong = issues({
      ...minimal,
      ami_description: '{{ .SourceOmiName }}',
      run_volume_tags: { a: '{{ .Region }}' },
    });
    expect(wrong.map((issue) => issue.path)).toEqual(['ami_description', 'run_volume_tags.a']);
  });

  it('reports template errors in deferred fields once', () => {
    expect(issues({ ...minimal, tags: { a: '{{ nope }}' } })).toEqual([
      { path: 'tags.a', message: expect.stringContaining('nope') },
    ]);
  });

  it('sets force_deregister with -force', () => {
    expect(prepared(minimal, bsuTestEnv({ force: true })).config.force_deregister).toBe(true);
  });

  it('warns about keys that have no effect with skip_create_omi', () => {
    const { warnings } = prepared({ ...minimal, skip_create_omi: true, tags: { a: 'b' }, global_permission: true });
    expect(warnings).toEqual(['skip_create_omi: no OMI is created, so tags, global_permission have no effect']);
  });

  it('never quotes a secret, and returns the secrets to scrub', () => {
    const secrets = {
      access_key: 'AKIA-SECRET-AK',
      secret_key: 'SECRET-SK-VALUE',
      token: 'SECRET-TOKEN',
      ssh_password: 'SECRET-PASS',
    };
    const result = prepareBsuConfig(
      { ...minimal, ...secrets, ssh_bastion_password: { nested: 'SECRET-BASTION' }, omi_name: '' },
      bsuTestEnv(),
    );
    const text = JSON.stringify(result);
    for (const value of [...Object.values(secrets), 'SECRET-BASTION']) expect(text).not.toContain(value);
    const ok = prepared({ ...minimal, ...secrets });
    expect([...(ok.secrets ?? [])].sort()).toEqual(Object.values(secrets).sort());
  });

  describe('files the template names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-bsu-prepare-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'user-data.sh'), '#!/bin/sh\n');

    it('checks user_data_file and ssh_private_key_file against the working directory', () => {
      const env = bsuTestEnv({ cwd: dir });
      expect(prepareBsuConfig({ ...minimal, user_data_file: 'user-data.sh' }, env).ok).toBe(true);
      expect(issues({ ...minimal, user_data_file: 'missing.sh', ssh_private_key_file: '~/.ssh/nope' }, env)).toEqual([
        { path: 'user_data_file', message: 'user_data_file not found: missing.sh' },
        { path: 'ssh_private_key_file', message: 'is invalid: file not found: ~/.ssh/nope' },
      ]);
    });
  });
});
