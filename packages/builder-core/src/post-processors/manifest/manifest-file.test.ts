import { describe, expect, it } from 'vitest';
import { appendBuild, formatManifest, type ManifestBuild, parseManifest } from './manifest-file';

const build = (extra: Partial<ManifestBuild> = {}): ManifestBuild => ({
  name: 'osc-bsu',
  builder_type: 'osc-bsu',
  build_time: 1764195079,
  files: null,
  artifact_id: 'eu-west-2:ami-12345678',
  packer_run_uuid: '6a1f0a4e-5f3b-4a29-9a5c-2f8b1c0d9e7f',
  custom_data: null,
  ...extra,
});

describe('manifest file format', () => {
  it("matches Packer's output byte for byte", () => {
    const manifest = appendBuild(parseManifest(''), build(), '6a1f0a4e-5f3b-4a29-9a5c-2f8b1c0d9e7f');
    expect(formatManifest(manifest)).toBe(`{
  "builds": [
    {
      "name": "osc-bsu",
      "builder_type": "osc-bsu",
      "build_time": 1764195079,
      "files": null,
      "artifact_id": "eu-west-2:ami-12345678",
      "packer_run_uuid": "6a1f0a4e-5f3b-4a29-9a5c-2f8b1c0d9e7f",
      "custom_data": null
    }
  ],
  "last_run_uuid": "6a1f0a4e-5f3b-4a29-9a5c-2f8b1c0d9e7f"
}`);
  });

  it('omits build_time under strip_time, lists files, and escapes HTML characters as Go does', () => {
    const text = formatManifest(
      appendBuild(
        parseManifest(''),
        build({
          build_time: 0,
          files: [{ name: 'image.raw', size: 1024 }],
          custom_data: { owner: 'a&b <ops>' },
        }),
        'r',
      ),
    );
    expect(text).not.toContain('build_time');
    expect(text).toContain(
      '"files": [\n        {\n          "name": "image.raw",\n          "size": 1024\n        }\n      ]',
    );
    expect(text).toContain('"owner": "a\\u0026b \\u003cops\\u003e"');
    expect(JSON.parse(text).builds[0].custom_data.owner).toBe('a&b <ops>');
  });

  it('appends to an existing manifest, normalizing its entries as Packer re-encodes them', () => {
    const existing = JSON.stringify({
      builds: [{ name: 'old', builder_type: 'osc-bsu', build_time: 1, artifact_id: 'x', extra: true }],
      last_run_uuid: 'old-run',
      unknown: 1,
    });
    const manifest = appendBuild(parseManifest(existing), build(), 'new-run');
    expect(manifest.builds.map((b) => b.name)).toEqual(['old', 'osc-bsu']);
    expect(manifest.builds[0]).toEqual({
      name: 'old',
      builder_type: 'osc-bsu',
      build_time: 1,
      files: null,
      artifact_id: 'x',
      packer_run_uuid: '',
      custom_data: null,
    });
    expect(JSON.parse(formatManifest(manifest))).toMatchObject({ last_run_uuid: 'new-run' });
  });

  it('rejects a manifest that is not JSON', () => {
    expect(() => parseManifest('{ nope')).toThrow();
  });
});
