import type { ResourceTag } from '@osc-packer/oapi-client';
import { consistencyWait } from '../resources/resource-env';
import { notVisibleYet } from './eventual-errors';
import type { OscStepEnv } from './osc-step-env';
import { retryEventually } from './retry-eventually';

/** Turns a tag map into the API's tag list. */
export function tagList(tags: Readonly<Record<string, string>> | undefined): ResourceTag[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Tags resources (one CreateTags call), retrying while a resource just created is not visible yet
 * (reference §6: CreateTags right after a create is an eventual consistency hot spot). Nothing to do
 * without ids or tags.
 */
export async function tagResources(
  env: OscStepEnv,
  resourceIds: readonly string[],
  tags: readonly ResourceTag[],
  signal?: AbortSignal,
): Promise<void> {
  if (resourceIds.length === 0 || tags.length === 0) return;
  await retryEventually(
    `tagging ${resourceIds.join(', ')}`,
    (attemptSignal) =>
      env.client.call(
        'CreateTags',
        { ResourceIds: [...resourceIds], Tags: [...tags] },
        attemptSignal ? { signal: attemptSignal } : {},
      ),
    { retryOn: notVisibleYet, wait: consistencyWait(env, signal) },
  );
}
