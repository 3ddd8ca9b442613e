import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Artifact } from '../../build/artifact';
import { decodePluginConfig } from '../../provisioners/decode-plugin-config';
import type { PostProcessorPlugin, PostProcessorRun } from '../post-processor-plugin';
import { type ManifestConfig, manifestConfigSpec } from './manifest-config';
import { appendBuild, type ManifestArtifactFile, type ManifestBuild } from './manifest-file';
import { updateManifestFile } from './update-manifest-file';

/**
 * Packer's `manifest` post-processor: appends the build (name, type, time, files, artifact id, run UUID,
 * custom data) to a JSON file in Packer's exact format, and passes the artifact on, kept.
 */
export const manifestPostProcessor: PostProcessorPlugin<ManifestConfig> = {
  type: 'manifest',
  prepare: (raw, env) => decodePluginConfig(manifestConfigSpec, raw, env),
  async postProcess(run, config, artifact) {
    const build = await manifestEntry(run, config, artifact);
    await updateManifestFile(resolve(run.cwd, config.output), (manifest) => appendBuild(manifest, build, run.runUuid));
    return { artifact, keep: true, forceKeep: true };
  },
};

async function manifestEntry(
  run: PostProcessorRun,
  config: ManifestConfig,
  artifact: Artifact,
): Promise<ManifestBuild> {
  const files: ManifestArtifactFile[] = await Promise.all(
    artifact.files.map(async (name) => ({
      name: config.strip_path ? basename(name) : name,
      size: await stat(resolve(run.cwd, name)).then(
        (info) => info.size,
        () => 0,
      ),
    })),
  );
  return {
    name: run.buildName,
    builder_type: run.builderType,
    build_time: config.strip_time ? 0 : Math.floor(run.now().getTime() / 1000),
    files: files.length > 0 ? files : null,
    artifact_id: artifact.id,
    packer_run_uuid: run.runUuid,
    custom_data: config.custom_data ?? null,
  };
}
