import type { ConfigIssue } from '@osc-packer/builder-core';
import { describe, expect, it } from 'vitest';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';
import { omiBlock, omiSharing } from './omi-block';
import { checkForceOptions, checkOmiRegions } from './omi-rules';

const name = { omi_name: 'packer-test' };

describe('OMI block', () => {
  it.each([
    ['no omi_name', {}, [{ path: 'omi_name', message: 'is required' }]],
    [
      'an empty omi_name',
      { omi_name: '{{user `empty`}}' },
      [{ path: 'omi_name', message: 'omi_name must be specified' }],
    ],
    [
      'a name that is too short',
      { omi_name: 'ab' },
      [{ path: 'omi_name', message: 'must be between 3 and 128 characters long (it has 2)' }],
    ],
    [
      'characters that are only visible after interpolation',
      { omi_name: 'packer {{isotime}}' },
      [
        {
          path: 'omi_name',
          message:
            "may only contain letters, digits, spaces and ()[]./-'@_; use {{ clean_resource_name `...` }} (or clean_omi_name) to replace other characters",
        },
      ],
    ],
    ['a name cleaned in the template', { omi_name: 'packer {{isotime | clean_resource_name}}' }, []],
    [
      'an account id that is not one',
      { ...name, omi_account_ids: ['123456789012', 'Outscale'], snapshot_account_ids: '12345' },
      [
        { path: 'omi_account_ids[1]', message: 'must be an Outscale account id: 12 digits (got "Outscale")' },
        { path: 'snapshot_account_ids[0]', message: 'must be an Outscale account id: 12 digits (got "12345")' },
      ],
    ],
    [
      'an AWS user group other than all',
      { ...name, omi_groups: ['all', 'admins'] },
      [
        {
          path: 'omi_groups[1]',
          message:
            'Outscale has no user groups: only "all" (everyone, as global_permission: true) is accepted (got "admins")',
        },
      ],
    ],
    [
      'an unknown boot mode',
      { ...name, omi_boot_modes: 'legacy,bios' },
      [{ path: 'omi_boot_modes[1]', message: 'must be one of: legacy, uefi (got "bios")' }],
    ],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(omiBlock, raw))).toEqual(issues);
  });

  it('renders omi_name at prepare but leaves omi_description, tags and snapshot_tags for the build', () => {
    const value = decoded(
      decodeBlock(omiBlock, {
        omi_name: 'packer-{{timestamp}}',
        omi_description: 'from {{ .SourceOMIName }}',
        tags: { Base: '{{ .SourceOMIName }}', Extra: '{{ .SourceOMITags.TagName }}' },
        snapshot_tags: { Region: '{{ .BuildRegion }}' },
      }),
    );
    expect(value.omi_name).toBe('packer-1795731079');
    expect(value.omi_description).toBe('from {{ .SourceOMIName }}');
    expect(value.tags).toEqual({ Base: '{{ .SourceOMIName }}', Extra: '{{ .SourceOMITags.TagName }}' });
    expect(value.snapshot_tags).toEqual({ Region: '{{ .BuildRegion }}' });
  });

  it('accepts the AWS-era and old-docs names as deprecated aliases', () => {
    const result = decodeBlock(omiBlock, {
      ami_name: 'packer-test',
      ami_description: 'd',
      ami_users: ['123456789012'],
      snapshot_users: ['210987654321'],
      omi_product_codes: ['0001'],
      ami_regions: [],
      ami_groups: ['all'],
    });
    const value = decoded(result);
    expect(value).toMatchObject({
      omi_name: 'packer-test',
      omi_description: 'd',
      omi_account_ids: ['123456789012'],
      snapshot_account_ids: ['210987654321'],
      product_codes: ['0001'],
      omi_regions: [],
      omi_groups: ['all'],
    });
    expect(result.warnings).toEqual([
      'ami_name: deprecated key; use "omi_name" instead',
      'ami_description: deprecated key; use "omi_description" instead',
      'ami_users: deprecated key; use "omi_account_ids" instead',
      'snapshot_users: deprecated key; use "snapshot_account_ids" instead',
      'ami_groups: deprecated key; use "omi_groups" instead',
      'omi_product_codes: deprecated key; use "product_codes" instead',
      'ami_regions: deprecated key; use "omi_regions" instead',
      'omi_groups: ["all"] is read as global_permission: true; write global_permission instead',
    ]);
  });

  it('refuses an old and a new name together', () => {
    expect(issuesOf(decodeBlock(omiBlock, { ...name, product_codes: ['1'], omi_product_codes: ['2'] }))).toEqual([
      { path: 'omi_product_codes', message: 'is the deprecated name of "product_codes"; set only "product_codes"' },
    ]);
  });

  it('shares snapshots with the OMI accounts and snapshot_account_ids (the Go plugin never applied the latter)', () => {
    const value = decoded(
      decodeBlock(omiBlock, {
        ...name,
        omi_account_ids: ['111111111111', '111111111111'],
        snapshot_account_ids: ['222222222222'],
        omi_groups: ['all'],
      }),
    );
    expect(omiSharing(value)).toEqual({
      accountIds: ['111111111111'],
      globalPermission: true,
      snapshotAccountIds: ['111111111111', '222222222222'],
    });
    expect(omiSharing(decoded(decodeBlock(omiBlock, name)))).toEqual({
      accountIds: [],
      globalPermission: false,
      snapshotAccountIds: [],
    });
  });

  it('warns that skip_region_validation has no effect', () => {
    expect(decodeBlock(omiBlock, { ...name, skip_region_validation: true }).warnings).toEqual([
      'skip_region_validation: has no effect (an unknown Region fails at the first API call)',
    ]);
  });
});

function collect(run: (report: { issue(path: string, message: string): void; warn(message: string): void }) => void) {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  run({ issue: (path, message) => issues.push({ path, message }), warn: (message) => warnings.push(message) });
  return { issues, warnings };
}

describe('OMI rules across blocks', () => {
  it('refuses copies to other Regions (no cross-Region copy call) and ignores the build Region', () => {
    const outcome = collect((report) =>
      checkOmiRegions({ omi_regions: ['eu-west-2', 'us-east-2'], region: 'eu-west-2' }, report),
    );
    expect(outcome.warnings).toEqual(['omi_regions: eu-west-2 is the build Region; nothing to copy, ignored']);
    expect(outcome.issues).toEqual([
      {
        path: 'omi_regions[1]',
        message:
          'copying the OMI to another Region (us-east-2) is not supported: Outscale has no cross-Region copy call (it takes an export to an OOS bucket and an import); build in us-east-2 with a builder of its own (region: "us-east-2") instead',
      },
    ]);
    expect(collect((report) => checkOmiRegions({ omi_regions: [] }, report))).toEqual({ issues: [], warnings: [] });
  });

  it('says force_delete_snapshot needs force_deregister', () => {
    expect(
      collect((report) => checkForceOptions({ force_deregister: false, force_delete_snapshot: true }, report)),
    ).toEqual({
      issues: [],
      warnings: ['force_delete_snapshot: has no effect without force_deregister (or -force)'],
    });
    expect(
      collect((report) => checkForceOptions({ force_deregister: true, force_delete_snapshot: true }, report)),
    ).toEqual({
      issues: [],
      warnings: [],
    });
  });
});
