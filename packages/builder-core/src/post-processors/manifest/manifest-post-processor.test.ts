import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../build/artifact';
import { noProvisioning } from '../../build/build-provisioning';
import type { PreparedBuild } from '../../build/prepared-build';
import { runBuilds } from '../../build/run-builds';
import { testPrepareEnv } from '../../provisioners/provisioner-test-helpers';
import { RecordingUi } from '../../test/recording-ui';
import { TestArtifact } from '../../test/test-artifact';
import { builtinPostProcessors } from '../builtin-post-processors';
import type { PostProcessorBlock } from '../post-processor-block';
import { preparePostProcessors } from '../prepare-post-processors';

function preparedBuild(dir: string, name: string, artifact: Artifact, blocks: PostProcessorBlock[][]): PreparedBuild {
  const prepared = preparePostProcessors(blocks, builtinPostProcessors(), testPrepareEnv(dir, { buildName: name }));
  expect(prepared.issues).toEqual([]);
  return {
    name,
    builderType: 'osc-bsu',
    run: async () => artifact,
    provisioning: noProvisioning,
    postProcessors: prepared.sequences,
  };
}

describe('manifest post-processor', () => {
  it('records every build of a parallel run in one file, in Packer format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-packer-manifest-'));
    const omi = (id: string) =>
      new TestArtifact({ id: `eu-west-2:${id}`, state: { generated_data: { ID: `i-${id}` } } });
    const manifest: PostProcessorBlock = {
      type: 'manifest',
      config: { output: 'out/manifest.json', custom_data: { vm: '{{ build `ID` }}', by: '{{user `who`}}' } },
    };
    const builds = ['a', 'b', 'c'].map((name) => preparedBuild(dir, name, omi(`ami-${name}`), [[manifest]]));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'));
    const result = await runBuilds(builds, {
      ui: new RecordingUi(),
      cwd: dir,
      runUuid: 'run-1',
      now: () => new Date(1_764_195_079_000),
    });
    expect(result.exitCode).toBe(0);
    expect(result.builds.map((b) => b.artifacts.map((a) => a.id))).toEqual([
      ['eu-west-2:ami-a'],
      ['eu-west-2:ami-b'],
      ['eu-west-2:ami-c'],
    ]);
    const written = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8'));
    expect(written.last_run_uuid).toBe('run-1');
    expect(written.builds.map((b: { name: string }) => b.name).sort()).toEqual(['a', 'b', 'c']);
    expect(written.builds.find((b: { name: string }) => b.name === 'b')).toEqual({
      name: 'b',
      builder_type: 'osc-bsu',
      build_time: 1764195079,
      files: null,
      artifact_id: 'eu-west-2:ami-b',
      packer_run_uuid: 'run-1',
      custom_data: { vm: 'i-ami-b', by: 'world' },
    });
  });

  it('appends to an existing manifest, with strip_path and strip_time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-packer-manifest-'));
    writeFileSync(join(dir, 'disk.raw'), Buffer.alloc(1234));
    writeFileSync(
      join(dir, 'packer-manifest.json'),
      JSON.stringify({ builds: [{ name: 'old', builder_type: 'x', artifact_id: 'y' }], last_run_uuid: 'old' }),
    );
    const artifact = new TestArtifact({ id: 'vol-1', files: [join(dir, 'disk.raw')] });
    const build = preparedBuild(dir, 'vol', artifact, [
      [{ type: 'manifest', config: { strip_path: true, strip_time: true } }],
    ]);
    await runBuilds([build], { ui: new RecordingUi(), cwd: dir, runUuid: 'run-2' });
    const text = readFileSync(join(dir, 'packer-manifest.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      builds: [
        { name: 'old', builder_type: 'x', files: null, artifact_id: 'y', packer_run_uuid: '', custom_data: null },
        {
          name: 'vol',
          builder_type: 'osc-bsu',
          files: [{ name: 'disk.raw', size: 1234 }],
          artifact_id: 'vol-1',
          packer_run_uuid: 'run-2',
          custom_data: null,
        },
      ],
      last_run_uuid: 'run-2',
    });
  });

  it('fails the build clearly when the existing manifest is not JSON, keeping the artifact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-packer-manifest-'));
    writeFileSync(join(dir, 'packer-manifest.json'), '{ broken');
    const artifact = new TestArtifact({ id: 'ami-1' });
    const ui = new RecordingUi();
    const result = await runBuilds([preparedBuild(dir, 'b', artifact, [[{ type: 'manifest', config: {} }]])], {
      ui,
      cwd: dir,
    });
    expect(result.exitCode).toBe(1);
    expect(result.builds[0]?.error?.message).toContain('Post-processor failed: Unable to parse content from');
    expect(artifact.destroyed).toBe(false);
  });
});
