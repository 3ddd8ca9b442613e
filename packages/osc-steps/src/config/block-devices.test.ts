import { composeConfig, configBlock, decodeConfig } from '@osc-packer/builder-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bsuVolumeSchema } from './block-device-entry';
import { launchBlockDeviceMappings, omiBlockDeviceMappings } from './block-device-mappings';
import { bsuVolumeAliases, launchBlockDevicesBlock, omiBlockDevicesBlock } from './block-devices-block';
import { decodeBlock, decoded, issuesOf, testInterpolation } from './config-test-helpers';

const launch = (...entries: object[]) => ({ launch_block_device_mappings: entries });
const omi = (...entries: object[]) => ({ omi_block_device_mappings: entries });
const missing = (prefix: string) =>
  `${prefix}: the \`device_name\` must be specified for every device in the block device mapping`;

describe('launch_block_device_mappings', () => {
  it.each([
    [
      "a missing device name, with Packer's prefix, at its index",
      launch({ device_name: '/dev/sda1' }, { volume_size: 10 }),
      [{ path: 'launch_block_device_mappings[1].device_name', message: missing('LaunchMapping') }],
    ],
    [
      'every problem of every entry at once',
      launch({ volume_size: 'ten' }, { device_name: '/dev/sdb', volume_type: 'gp3' }, { device_name: '' }),
      [
        { path: 'launch_block_device_mappings[0].volume_size', message: 'must be a number (got "ten")' },
        { path: 'launch_block_device_mappings[0].device_name', message: missing('LaunchMapping') },
        {
          path: 'launch_block_device_mappings[1].volume_type',
          message: 'must be one of: standard, gp2, io1; did you mean "gp2"? (got "gp3")',
        },
        { path: 'launch_block_device_mappings[2].device_name', message: missing('LaunchMapping') },
      ],
    ],
    [
      'iops on a gp2 volume (the Go plugin dropped it silently)',
      launch({ device_name: '/dev/sdb', volume_type: 'gp2', iops: 300 }),
      [
        {
          path: 'launch_block_device_mappings[0].iops',
          message: 'applies to io1 volumes only (volume_type is "gp2"); set volume_type to "io1" or remove iops',
        },
      ],
    ],
    [
      'iops without a volume type',
      launch({ device_name: '/dev/sdb', iops: 300 }),
      [
        {
          path: 'launch_block_device_mappings[0].iops',
          message:
            'applies to io1 volumes only (volume_type is unset, so "standard"); set volume_type to "io1" or remove iops',
        },
      ],
    ],
    [
      'more than 300 IOPS per GiB',
      launch({ device_name: '/dev/sdb', volume_type: 'io1', volume_size: 10, iops: 3001 }),
      [
        {
          path: 'launch_block_device_mappings[0].iops',
          message: 'is more than 300 IOPS per GiB: a 10 GiB io1 volume allows at most 3000',
        },
      ],
    ],
    [
      'sizes and IOPS beyond the API limits',
      launch({ device_name: '/dev/sdb', volume_type: 'io1', volume_size: 20000, iops: 20000 }),
      [
        { path: 'launch_block_device_mappings[0].volume_size', message: 'must be at most 14901 (got 20000)' },
        { path: 'launch_block_device_mappings[0].iops', message: 'must be at most 13000 (got 20000)' },
      ],
    ],
    [
      'no_device with volume settings',
      launch({ device_name: '/dev/sdb', no_device: true, volume_size: 10 }),
      [
        {
          path: 'launch_block_device_mappings[0].no_device',
          message: 'removes the device, so it cannot be set with volume_size',
        },
      ],
    ],
    [
      'a virtual name that is not ephemeralN',
      launch({ device_name: '/dev/sdb', virtual_name: 'ephemeral' }),
      [
        {
          path: 'launch_block_device_mappings[0].virtual_name',
          message: 'must be "ephemeral" followed by a number, e.g. "ephemeral0" (got "ephemeral")',
        },
      ],
    ],
    [
      'an ephemeral device with volume settings',
      launch({ device_name: '/dev/sdb', virtual_name: 'ephemeral0', volume_type: 'gp2' }),
      [
        {
          path: 'launch_block_device_mappings[0].virtual_name',
          message: 'an ephemeral device has no BSU volume, so it cannot be set with volume_type',
        },
      ],
    ],
    [
      'a device mapped twice',
      launch({ device_name: '/dev/sdb' }, { device_name: '/dev/sdc' }, { device_name: '/dev/sdb' }),
      [
        {
          path: 'launch_block_device_mappings[2].device_name',
          message: '/dev/sdb is already mapped by launch_block_device_mappings[0]',
        },
      ],
    ],
    [
      'a typo in an entry key',
      launch({ device_name: '/dev/sdb', volume_szie: 10 }),
      [
        {
          path: 'launch_block_device_mappings[0].volume_szie',
          message: 'unknown configuration key; did you mean "volume_size"?',
        },
      ],
    ],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(launchBlockDevicesBlock, raw))).toEqual(issues);
  });

  it('maps to CreateVms block device mappings: BSU volumes, ephemeral devices, removed devices', () => {
    const result = decodeBlock(
      launchBlockDevicesBlock,
      launch(
        { device_name: '/dev/sda1', volume_size: '{{user `size`}}', volume_type: 'gp2', delete_on_termination: 'true' },
        { device_name: '/dev/xvdf', volume_type: 'io1', volume_size: 10, iops: '3000', snapshot_id: 'snap-1' },
        { device_name: '/dev/xvdg', volume_size: 0 },
        { device_name: '/dev/sdc', virtual_name: 'ephemeral0' },
        { device_name: '/dev/sdd', no_device: true },
      ),
    );
    expect(result.warnings).toEqual([
      'launch_block_device_mappings[0].delete_on_termination: deprecated key; use "launch_block_device_mappings[0].delete_on_vm_deletion" instead',
    ]);
    expect(launchBlockDeviceMappings(decoded(result).launch_block_device_mappings)).toEqual([
      { DeviceName: '/dev/sda1', Bsu: { DeleteOnVmDeletion: true, VolumeType: 'gp2', VolumeSize: 40 } },
      {
        DeviceName: '/dev/xvdf',
        Bsu: { DeleteOnVmDeletion: false, VolumeType: 'io1', VolumeSize: 10, Iops: 3000, SnapshotId: 'snap-1' },
      },
      { DeviceName: '/dev/xvdg', Bsu: { DeleteOnVmDeletion: false } },
      { DeviceName: '/dev/sdc', VirtualDeviceName: 'ephemeral0' },
      { DeviceName: '/dev/sdd', NoDevice: '' },
    ]);
  });
});

describe('omi_block_device_mappings', () => {
  it('requires device names with the OMIMapping prefix and refuses no_device', () => {
    expect(
      issuesOf(
        decodeBlock(omiBlockDevicesBlock, omi({ volume_size: 10 }, { device_name: '/dev/sdb', no_device: true })),
      ),
    ).toEqual([
      { path: 'omi_block_device_mappings[0].device_name', message: missing('OMIMapping') },
      {
        path: 'omi_block_device_mappings[1].no_device',
        message: 'applies to launch_block_device_mappings only: an OMI mapping cannot remove a device',
      },
    ]);
  });

  it('accepts virtual_name (a real API field, VirtualDeviceName) and the AWS-era list name', () => {
    const result = decodeBlock(omiBlockDevicesBlock, {
      ami_block_device_mappings: [
        { device_name: '/dev/sdb', virtual_name: 'ephemeral0' },
        { device_name: '/dev/sdc', volume_type: 'gp2', volume_size: 50, delete_on_termination: true },
      ],
    });
    expect(result.warnings).toEqual([
      'ami_block_device_mappings[1].delete_on_termination: deprecated key; use "ami_block_device_mappings[1].delete_on_vm_deletion" instead',
      'ami_block_device_mappings: deprecated key; use "omi_block_device_mappings" instead',
    ]);
    expect(omiBlockDeviceMappings(decoded(result).omi_block_device_mappings)).toEqual([
      { DeviceName: '/dev/sdb', VirtualDeviceName: 'ephemeral0' },
      { DeviceName: '/dev/sdc', Bsu: { DeleteOnVmDeletion: true, VolumeType: 'gp2', VolumeSize: 50 } },
    ]);
  });
});

describe('bsu_volumes entry schema (for the bsuvolume builder)', () => {
  const volumesBlock = configBlock('Volumes', z.strictObject({ bsu_volumes: z.array(bsuVolumeSchema).optional() }), {
    aliases: bsuVolumeAliases,
    deferred: ['bsu_volumes[].tags'],
  });
  const spec = composeConfig('volumes', volumesBlock);

  it('decodes per-volume tags, left for the build, and the documented ebs_volumes name', () => {
    const result = decodeConfig(
      spec,
      {
        ebs_volumes: [
          {
            device_name: '/dev/xvdf',
            volume_type: 'gp2',
            volume_size: 10,
            tags: { Name: 'Data1', Src: '{{ .SourceOMI }}' },
          },
        ],
      },
      { interpolation: testInterpolation },
    );
    expect(result.warnings).toEqual(['ebs_volumes: deprecated key; use "bsu_volumes" instead']);
    const value = decoded(result);
    expect(value.bsu_volumes?.[0]?.tags).toEqual({ Name: 'Data1', Src: '{{ .SourceOMI }}' });
    expect(launchBlockDeviceMappings(value.bsu_volumes)).toEqual([
      { DeviceName: '/dev/xvdf', Bsu: { DeleteOnVmDeletion: false, VolumeType: 'gp2', VolumeSize: 10 } },
    ]);
  });

  it('requires device names with its own prefix', () => {
    const result = decodeConfig(spec, { bsu_volumes: [{ volume_size: 10 }] }, { interpolation: testInterpolation });
    expect(issuesOf(result)).toEqual([{ path: 'bsu_volumes[0].device_name', message: missing('BsuVolume') }]);
  });
});
