import type { ResourceTag } from '@osc-packer/oapi-client';

/** The tag key every temporary resource of a build carries; its value is the build id. */
export const buildTagKey = 'osc-packer:build-id';

/** The id of one build of one run: `<run uuid>/<build name>` (unique, and readable in the console). */
export function buildIdOf(runUuid: string, buildName: string): string {
  return `${runUuid}/${buildName}`;
}

/** The tag naming the build, for CreateTags. */
export function buildTag(buildId: string): ResourceTag {
  return { Key: buildTagKey, Value: buildId };
}
