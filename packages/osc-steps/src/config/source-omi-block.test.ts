import { describe, expect, it } from 'vitest';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';
import { sourceOmiBlock } from './source-omi-block';
import { ownersIncludeSelf, sourceOmiQueries } from './source-omi-queries';

const accepted =
  'accepted: account-alias, account-id, architecture, image-id, image-name, virtualization-type, root-device-type, name';

describe('source OMI block', () => {
  it.each([
    ['nothing', {}, [{ path: 'source_omi', message: 'a source_omi or source_omi_filter must be specified' }]],
    ['an id', { source_omi: 'ami-12345678' }, []],
    [
      'a filter without owners',
      { source_omi_filter: { filters: { 'image-name': 'Debian-12-*' } } },
      [
        {
          path: 'source_omi_filter.owners',
          message:
            'for security reasons, your source OMI filter must declare an owner (account ids or aliases such as "Outscale")',
        },
      ],
    ],
    ['a filter without owners but with an id', { source_omi: 'ami-1', source_omi_filter: { filters: {} } }, []],
    [
      'an unknown filter name in the map (silently dropped by the Go plugin)',
      { source_omi_filter: { filters: { 'image-nmae': 'x', 'tag:os': 'debian' }, owners: ['Outscale'] } },
      [
        {
          path: 'source_omi_filter.filters.image-nmae',
          message: `"image-nmae" is not a filter of source_omi_filter; did you mean "image-name"? ${accepted}`,
        },
        {
          path: 'source_omi_filter.filters["tag:os"]',
          message: `"tag:os" is not a filter of source_omi_filter; ${accepted}`,
        },
      ],
    ],
    [
      'an unknown filter name in a filter entry',
      {
        source_omi_filter: {
          filter: [
            { name: 'image-name', value: 'x' },
            { name: 'owner-id', value: '1' },
          ],
          owners: 'Outscale',
        },
      },
      [
        {
          path: 'source_omi_filter.filter[1].name',
          message: `"owner-id" is not a filter of source_omi_filter; ${accepted}`,
        },
      ],
    ],
    [
      'owners and account filters together',
      { source_omi_filter: { filters: { 'account-alias': 'Outscale' }, owners: ['Outscale'] } },
      [
        {
          path: 'source_omi_filter.owners',
          message: 'set either owners or the account-id/account-alias filters, not both',
        },
      ],
    ],
    [
      'source_omi and an image-id filter',
      { source_omi: 'ami-1', source_omi_filter: { filters: { 'image-id': 'ami-2' } } },
      [{ path: 'source_omi_filter', message: 'set either source_omi or the image-id filter, not both' }],
    ],
    [
      'an unknown key in the block',
      { source_omi_filter: { filters: {}, owners: ['Outscale'], most_recnet: true } },
      [{ path: 'source_omi_filter.most_recnet', message: 'unknown configuration key; did you mean "most_recent"?' }],
    ],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(sourceOmiBlock, raw))).toEqual(issues);
  });

  it('reports unknown filter names even when another key of the block is wrong', () => {
    const result = decodeBlock(sourceOmiBlock, {
      source_omi_filter: { filters: { nmae: 'x' }, owners: ['Outscale'], most_recent: 'maybe' },
    });
    expect(issuesOf(result).map((issue) => issue.path)).toEqual([
      'source_omi_filter.most_recent',
      'source_omi_filter.filters.nmae',
    ]);
  });

  it("reads the data source docs' `name` as image-name, with a warning", () => {
    const result = decodeBlock(sourceOmiBlock, {
      source_omi_filter: { filter: [{ name: 'name', value: 'Debian-12-*' }], owners: ['Outscale'] },
    });
    expect(result.warnings).toEqual(['source_omi_filter: filter "name" is read as "image-name"; write "image-name"']);
    expect(sourceOmiQueries(decoded(result))).toEqual([{ ImageNames: ['Debian-12-*'], AccountAliases: ['Outscale'] }]);
  });

  it('merges filter entries into the map, entries winning (as Packer)', () => {
    const value = decoded(
      decodeBlock(sourceOmiBlock, {
        source_omi_filter: {
          filters: { 'image-name': 'a', architecture: 'x86_64' },
          filter: [{ name: 'image-name', value: 'b' }],
          owners: ['123456789012'],
          most_recent: 'true',
        },
      }),
    );
    expect(value.source_omi_filter?.most_recent).toBe(true);
    expect(sourceOmiQueries(value)).toEqual([
      { ImageNames: ['b'], Architectures: ['x86_64'], AccountIds: ['123456789012'] },
    ]);
  });

  it('maps owners: ids and aliases in separate queries (OAPI ANDs filter fields), self from the credentials', () => {
    const value = decoded(
      decodeBlock(sourceOmiBlock, {
        source_omi_filter: { filters: { 'image-name': 'x' }, owners: ['Outscale', '123456789012', 'self'] },
      }),
    );
    expect(ownersIncludeSelf(value)).toBe(true);
    expect(() => sourceOmiQueries(value)).toThrow(/ownAccountId/);
    expect(sourceOmiQueries(value, { ownAccountId: '999999999999' })).toEqual([
      { ImageNames: ['x'], AccountIds: ['123456789012', '999999999999'] },
      { ImageNames: ['x'], AccountAliases: ['Outscale'] },
    ]);
  });

  it('keeps source_omi with the filters (both must match) and sends the Outscale root device type', () => {
    const result = decodeBlock(sourceOmiBlock, {
      source_omi: 'ami-12345678',
      source_omi_filter: { filters: { 'root-device-type': 'ebs', 'virtualization-type': 'hvm' } },
    });
    expect(result.warnings).toEqual([
      'source_omi_filter: root-device-type "ebs" is the AWS name; Outscale OMIs are "bsu", used instead',
    ]);
    expect(sourceOmiQueries(decoded(result))).toEqual([
      { RootDeviceTypes: ['bsu'], VirtualizationTypes: ['hvm'], ImageIds: ['ami-12345678'] },
    ]);
    expect(sourceOmiQueries(decoded(decodeBlock(sourceOmiBlock, { source_omi: 'ami-1' })))).toEqual([
      { ImageIds: ['ami-1'] },
    ]);
  });
});
