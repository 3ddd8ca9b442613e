/**
 * The states of an OMI export to OOS (`ImageExportTask.State`), the first half of a cross-Region copy:
 * `completed` is success, `failed` and `cancelled` are final (cancelling works only while `pending/queued`).
 */
export const imageExportTaskStates = ['pending/queued', 'pending', 'completed', 'failed', 'cancelled'] as const;

/** One of {@link imageExportTaskStates}. */
export type ImageExportTaskState = (typeof imageExportTaskStates)[number];
