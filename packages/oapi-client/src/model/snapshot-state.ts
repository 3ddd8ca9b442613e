/**
 * The states of a snapshot (`Snapshot.State`, filter `States`). The spec lists `in-queue`, `pending`,
 * `completed`, `error`, `deleting`; its own examples also show `pending/queued` (created from a volume) and
 * `importing` (from a bucket), and `queued` is seen in the wild. Wait for `completed`, fail on `error`, and
 * treat every other value, known or not, as still in progress.
 */
export const snapshotStates = [
  'in-queue',
  'pending',
  'pending/queued',
  'queued',
  'importing',
  'completed',
  'error',
  'deleting',
] as const;

/** One of {@link snapshotStates}. */
export type SnapshotState = (typeof snapshotStates)[number];

/** The states a snapshot never leaves on its own: `completed` (usable) and `error` (failed). */
export const terminalSnapshotStates: readonly SnapshotState[] = ['completed', 'error'];
