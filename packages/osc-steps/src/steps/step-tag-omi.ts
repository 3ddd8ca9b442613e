import type { InterpolationContext, Step } from '@osc-packer/builder-core';
import { renderMapWithBuildInfo } from '../config/build-info';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { settleAll } from './settle-all';
import { tagList, tagResources } from './tag-resources';

/**
 * Tags the new OMI with `tags` and its snapshots with `tags` plus `snapshot_tags` (which win on the same
 * key), rendered with the build data (Packer's StepCreateTags). The OMI and the snapshots get their final
 * tag sets in one call each (one call when they are the same), concurrently.
 */
export function stepTagOmi(
  env: OscStepEnv,
  config: {
    tags?: Readonly<Record<string, string>> | undefined;
    snapshot_tags?: Readonly<Record<string, string>> | undefined;
  },
  options: { interpolation: InterpolationContext },
): Step<OscBuildState> {
  return {
    name: 'tag OMI',
    requires: ['omi', 'snapshotIds', 'buildInfo'],
    async run({ signal, ui }, state) {
      const imageId = state.omi?.ImageId;
      const info = state.buildInfo;
      if (!imageId || !info || (!config.tags && !config.snapshot_tags)) return;
      const tags = renderMapWithBuildInfo(config.tags, options.interpolation, info);
      const snapshotTags = { ...tags, ...renderMapWithBuildInfo(config.snapshot_tags, options.interpolation, info) };
      const snapshots = state.snapshotIds ?? [];
      ui.say(`Adding tags to OMI (${imageId}) and its snapshots...`);
      for (const [key, value] of Object.entries(tags)) ui.message(`Adding tag: "${key}": "${value}"`);
      if (!config.snapshot_tags) {
        await tagResources(env, [imageId, ...snapshots], tagList(tags), signal);
        return;
      }
      await settleAll([
        tagResources(env, [imageId], tagList(tags), signal),
        tagResources(env, snapshots, tagList(snapshotTags), signal),
      ]);
    },
  };
}
