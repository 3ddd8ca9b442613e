/**
 * The states of a volume (`Volume.State`, filter `VolumeStates`): `available` (unlinked, deletable),
 * `in-use` (linked to a VM), `error` is final failure.
 */
export const volumeStates = ['creating', 'available', 'in-use', 'deleting', 'error'] as const;

/** One of {@link volumeStates}. */
export type VolumeState = (typeof volumeStates)[number];
