import { describe, expect, it } from 'vitest';
import {
  checkBuildInfoTemplates,
  type OutscaleBuildInfo,
  renderMapWithBuildInfo,
  renderWithBuildInfo,
} from './build-info';
import { testInterpolation } from './config-test-helpers';

const info: OutscaleBuildInfo = {
  BuildRegion: 'eu-west-2',
  SourceOMI: 'ami-12345678',
  SourceOMIName: 'Debian-12-2026.11.01-0',
  SourceOMITags: { os: 'debian' },
  SourceOMICreationDate: '2026-11-01T10:00:00.000Z',
  SourceOMIOwner: '123456789012',
  SourceOMIOwnerName: 'Outscale',
};

describe('build data in deferred fields', () => {
  it('renders fields and tag maps with the build data', () => {
    expect(renderWithBuildInfo('from {{ .SourceOMIName }} in {{ .BuildRegion }}', testInterpolation, info)).toBe(
      'from Debian-12-2026.11.01-0 in eu-west-2',
    );
    expect(
      renderMapWithBuildInfo(
        { '{{ .SourceOMITags.os }}-base': '{{ .SourceOMI }}', missing: '{{ .SourceOMITags.nope }}' },
        testInterpolation,
        info,
      ),
    ).toEqual({ 'debian-base': 'ami-12345678', missing: '' });
  });

  it('reports unknown build data at prepare, with a suggestion, for values and map keys', () => {
    const issues = checkBuildInfoTemplates(
      {
        omi_name: '{{ .SourceOmi }}',
        tags: { ok: '{{ .SourceOMITags.anything }}', bad: '{{ .SourceOmi }}', '{{ .Region }}': 'x' },
        omi_description: 'built from {{ .SourceOMIname }}',
        bsu_volumes: [{ tags: { Name: '{{ .BuildRegion }}' } }, { tags: { Name: '{{ .BuildRegoin }}' } }],
      },
      ['tags', 'omi_description', 'bsu_volumes[].tags'],
      testInterpolation,
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'tags.bad',
      'tags["{{ .Region }}"]',
      'omi_description',
      'bsu_volumes[1].tags.Name',
    ]);
    expect(issues[0]?.message).toBe(
      'build data has no field "SourceOmi" (known: BuildRegion, SourceOMI, SourceOMICreationDate, SourceOMIName, SourceOMIOwner, SourceOMIOwnerName, SourceOMITags) (in "{{ .SourceOmi }}" at column 4); did you mean "SourceOMI"?',
    );
    expect(issues[2]?.message).toContain('did you mean "SourceOMIName"?');
  });

  it('leaves syntax errors to decodeConfig (reported once)', () => {
    expect(checkBuildInfoTemplates({ tags: { a: '{{ .SourceOMI ' } }, ['tags'], testInterpolation)).toEqual([]);
  });
});
