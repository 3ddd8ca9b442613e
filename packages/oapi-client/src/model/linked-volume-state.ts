/**
 * The states of a volume's link to a VM (`LinkedVolume.State`, filters `LinkVolumeLinkStates` and
 * `BlockDeviceMappingStates`; `BsuCreated.State` in a VM's block device mappings uses them too).
 */
export const linkedVolumeStates = ['attaching', 'attached', 'detaching', 'detached'] as const;

/** One of {@link linkedVolumeStates}. */
export type LinkedVolumeState = (typeof linkedVolumeStates)[number];
