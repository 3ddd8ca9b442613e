/** The wire types of every used operation (names as in the API), `OapiOperations`, `operationInfo`. */
export * from './generated/index-exports';
/** The states of an OMI export task. */
export { type ImageExportTaskState, imageExportTaskStates } from './model/image-export-task-state';
/** The states of an OMI. */
export { type ImageState, imageStates } from './model/image-state';
/** The states of a volume's link to a VM. */
export { type LinkedVolumeState, linkedVolumeStates } from './model/linked-volume-state';
/** Error codes (throttling, authentication, no-such-resource, ...) with their types and statuses. */
export {
  type OapiErrorCodeInfo,
  oapiErrorCodes,
  throttlingErrorCodes,
  throttlingStatuses,
} from './model/oapi-error-codes';
/** The states of a snapshot, and the terminal ones. */
export { type SnapshotState, snapshotStates, terminalSnapshotStates } from './model/snapshot-state';
/** Every operation the project calls or serves. */
export { type UsedOperationName, usedOperations } from './model/used-operations';
/** The states of a VM, and the codes of the `VmStateCodes` filter. */
export { type VmState, vmStateCodes, vmStates } from './model/vm-state';
/** The states of a volume. */
export { type VolumeState, volumeStates } from './model/volume-state';
/** A typed error answer of the Outscale API. */
export { OapiError, type OapiErrorDetail, type OapiErrorFields } from './oapi-error';
