/** Packer's clean_resource_name / clean_omi_name template function. */
export { cleanResourceName } from './interpolation/clean-resource-name';
/** What builds print through: Packer's human and machine-readable output. */
export type { ProgressTracker, Ui } from './ui/ui';
/** A connection to the machine being provisioned (SSH). */
export type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator/communicator';
