/** The states of an OMI (`Image.State`, filter `States`): `available` is success, `failed` is final failure. */
export const imageStates = ['pending', 'available', 'failed'] as const;

/** One of {@link imageStates}. */
export type ImageState = (typeof imageStates)[number];
