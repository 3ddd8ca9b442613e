import { choice, stringMap, weakBoolean, weakInteger, weakString } from '@osc-packer/builder-core';
import { z } from 'zod';

/** The BSU volume types (`standard` is the API's default). */
export const volumeTypes = ['standard', 'gp2', 'io1'] as const;
/** The API's limits: volume size (GiB), io1 IOPS, and IOPS per GiB. */
export const volumeLimits = { maxSizeGib: 14_901, maxIops: 13_000, iopsPerGib: 300 } as const;

/** Which list an entry belongs to: what it may hold and how its messages start (Packer's prefixes). */
export type BlockDeviceListKind = 'launch' | 'omi' | 'volume';

const prefixes: Readonly<Record<BlockDeviceListKind, string>> = {
  launch: 'LaunchMapping',
  omi: 'OMIMapping',
  volume: 'BsuVolume',
};

const volumeFields = {
  device_name: weakString()
    .optional()
    .describe('Device name, e.g. `/dev/sda1` (the root) or `/dev/xvdb`. Required for every entry.'),
  volume_type: choice(volumeTypes)
    .optional()
    .describe("Volume type: `standard`, `gp2` or `io1`; default: the API's (`standard`), or the snapshot's."),
  volume_size: weakInteger({ min: 0, max: volumeLimits.maxSizeGib })
    .optional()
    .describe('Size in GiB (at most 14901); default: the size of the snapshot. `0` means the default.'),
  iops: weakInteger({ min: 1, max: volumeLimits.maxIops })
    .optional()
    .describe('Provisioned IOPS of an `io1` volume (at most 13000, and 300 per GiB); an error with other types.'),
  snapshot_id: weakString().optional().describe('Snapshot to create the volume from.'),
  delete_on_vm_deletion: weakBoolean()
    .default(false)
    .describe(
      'Delete the volume with the VM. Default `false` (as Packer: such volumes outlive the build). Alias: `delete_on_termination` (deprecated).',
    ),
};

const virtualName = weakString()
  .optional()
  .describe('Ephemeral (instance store) device `ephemeralN` instead of a BSU volume (`VirtualDeviceName`).');

const shapes = {
  launch: {
    ...volumeFields,
    no_device: weakBoolean()
      .default(false)
      .describe('Remove this device inherited from the source OMI (`NoDevice`). Default `false`.'),
    virtual_name: virtualName,
  },
  omi: {
    ...volumeFields,
    // The Go plugin shares one entry type between the lists and ignores no_device here: accepted, but `true`
    // is an error rather than ignored.
    no_device: weakBoolean()
      .default(false)
      .describe('Only `false` is accepted: an OMI mapping cannot remove a device (use the launch list).'),
    virtual_name: virtualName,
  },
  volume: {
    ...volumeFields,
    tags: stringMap()
      .optional()
      .describe('Tags of this volume; rendered during the build (`{{ .SourceOMI }}`... are available).'),
  },
};

interface RawEntry {
  device_name?: unknown;
  volume_type?: unknown;
  volume_size?: unknown;
  iops?: unknown;
  snapshot_id?: unknown;
  no_device?: unknown;
  virtual_name?: unknown;
}

type AddIssue = (path: string, message: string) => void;

function checkIops(entry: RawEntry, add: AddIssue): void {
  if (typeof entry.iops !== 'number') return;
  if (entry.volume_type !== 'io1') {
    const type = typeof entry.volume_type === 'string' ? `"${entry.volume_type}"` : 'unset, so "standard"';
    add('iops', `applies to io1 volumes only (volume_type is ${type}); set volume_type to "io1" or remove iops`);
    return;
  }
  if (typeof entry.volume_size === 'number' && entry.volume_size > 0) {
    const allowed = entry.volume_size * volumeLimits.iopsPerGib;
    if (entry.iops > allowed) {
      add('iops', `is more than 300 IOPS per GiB: a ${entry.volume_size} GiB io1 volume allows at most ${allowed}`);
    }
  }
}

function checkEntry(entry: RawEntry, kind: BlockDeviceListKind, add: AddIssue): void {
  if (typeof entry.device_name !== 'string' || entry.device_name.trim() === '') {
    if (entry.device_name === undefined || typeof entry.device_name === 'string') {
      add(
        'device_name',
        `${prefixes[kind]}: the \`device_name\` must be specified for every device in the block device mapping`,
      );
    }
  }
  checkIops(entry, add);
  if (kind === 'omi' && entry.no_device === true) {
    add('no_device', 'applies to launch_block_device_mappings only: an OMI mapping cannot remove a device');
    return;
  }
  const volumeKeys = (['volume_type', 'volume_size', 'iops', 'snapshot_id'] as const).filter(
    (key) => entry[key] !== undefined && entry[key] !== '',
  );
  if (entry.no_device === true && (volumeKeys.length > 0 || entry.virtual_name)) {
    const keys = [...volumeKeys, ...(entry.virtual_name ? ['virtual_name'] : [])].join(', ');
    add('no_device', `removes the device, so it cannot be set with ${keys}`);
  }
  if (typeof entry.virtual_name === 'string' && entry.virtual_name !== '') {
    if (!/^ephemeral\d+$/.test(entry.virtual_name)) {
      add('virtual_name', `must be "ephemeral" followed by a number, e.g. "ephemeral0" (got "${entry.virtual_name}")`);
    } else if (volumeKeys.length > 0 && entry.no_device !== true) {
      add('virtual_name', `an ephemeral device has no BSU volume, so it cannot be set with ${volumeKeys.join(', ')}`);
    }
  }
}

function entrySchema<K extends BlockDeviceListKind>(kind: K) {
  return z
    .strictObject(shapes[kind] as (typeof shapes)[K])
    .superRefine(
      (entry, ctx) =>
        checkEntry(entry as RawEntry, kind, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })),
      { when: () => true },
    )
    .transform((entry) => entry as typeof entry & { device_name: string });
}

/** An entry of `launch_block_device_mappings`: a BSU volume, an ephemeral device, or a removed device. */
export const launchBlockDeviceSchema = entrySchema('launch');
/** An entry of `omi_block_device_mappings`: a BSU volume or an ephemeral device of the new OMI. */
export const omiBlockDeviceSchema = entrySchema('omi');
/** An entry of the bsuvolume builder's `bsu_volumes` (alias `ebs_volumes`): a BSU volume with its own tags. */
export const bsuVolumeSchema = entrySchema('volume');

/** A decoded `launch_block_device_mappings` entry. */
export type LaunchBlockDevice = z.output<typeof launchBlockDeviceSchema>;
/** A decoded `omi_block_device_mappings` entry. */
export type OmiBlockDevice = z.output<typeof omiBlockDeviceSchema>;
/** A decoded `bsu_volumes` entry. */
export type BsuVolume = z.output<typeof bsuVolumeSchema>;

/** Reports device names mapped twice in one list, at the later entry. */
export function duplicateDeviceIssues(
  key: string,
  entries: readonly { device_name: string }[],
): { path: string; message: string }[] {
  const seen = new Map<string, number>();
  const issues: { path: string; message: string }[] = [];
  for (const [index, entry] of entries.entries()) {
    const first = seen.get(entry.device_name);
    if (first === undefined) seen.set(entry.device_name, index);
    else
      issues.push({
        path: `${key}[${index}].device_name`,
        message: `${entry.device_name} is already mapped by ${key}[${first}]`,
      });
  }
  return issues;
}
