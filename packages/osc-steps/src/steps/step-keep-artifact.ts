import type { Step } from '@osc-packer/builder-core';
import { buildTag } from '../journal/build-tag';
import { withSignal } from '../resources/resource-env';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';

/**
 * The last step: the OMI and its snapshots are the artifact now. They are marked `kept` in the journal (so
 * `osc-packer cleanup` never deletes them, even if the process dies during the cleanups that follow) and lose
 * the build tag that marked them as temporary. A failure to remove that tag is reported, not fatal.
 */
export function stepKeepArtifact(env: OscStepEnv): Step<OscBuildState> {
  return {
    name: 'keep artifact',
    requires: ['omi', 'snapshotIds'],
    async run({ signal, log }, state) {
      const imageId = state.omi?.ImageId;
      if (!imageId) return;
      await env.journal.kept(imageId, ...(state.snapshotIds ?? []));
      await env.client
        .call('DeleteTags', { ResourceIds: [imageId], Tags: [buildTag(env.buildId)] }, withSignal(signal))
        .catch((error: unknown) =>
          log.warn(`could not remove the build tag from ${imageId}: ${error instanceof Error ? error.message : error}`),
        );
    },
  };
}
