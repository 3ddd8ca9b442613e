import type { OapiClient } from '../client/oapi-client';
import type { Snapshot } from '../generated/oapi-types';
import { type PollResult, type WaitOptions, waitFor } from './wait-for';

/**
 * Waits until a snapshot is `completed` (ReadSnapshots). Fails at once on `error` or `deleting`; every other
 * state (`in-queue`, `pending`, `pending/queued`, `queued`, `importing`) is progress, shown with its percentage.
 */
export function waitForSnapshotCompleted(
  client: Pick<OapiClient, 'call'>,
  snapshotId: string,
  options: WaitOptions = {},
): Promise<Snapshot> {
  return waitFor(
    async (signal): Promise<PollResult<Snapshot>> => {
      const filters = { Filters: { SnapshotIds: [snapshotId] } };
      const { Snapshots = [] } = await client.call('ReadSnapshots', filters, { signal });
      const snapshot = Snapshots.find((candidate) => candidate.SnapshotId === snapshotId);
      if (!snapshot) return { status: 'not-found' };
      const state = snapshot.State ?? 'unknown';
      if (state === 'completed') return { status: 'done', value: snapshot };
      if (state === 'error' || state === 'deleting') return { status: 'failed', observed: state };
      const progress = snapshot.Progress !== undefined ? ` (${snapshot.Progress}%)` : '';
      return { status: 'pending', observed: `${state}${progress}` };
    },
    { ...options, description: `snapshot ${snapshotId} to be completed` },
  );
}
