/** Packer's clean_resource_name / clean_omi_name template function. */

/** What a build produced. */
export type { Artifact } from './build/artifact';
/** A builder: pure prepare, then run. */
export type { Builder, PrepareResult } from './build/builder';
/** A connection to the machine being provisioned (SSH). */
export type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator/communicator';
/** One configuration problem with its key path. */
export type { ConfigIssue } from './config/config-issue';
export { cleanResourceName } from './interpolation/clean-resource-name';
/** What builds print through: Packer's human and machine-readable output. */
export type { ProgressTracker, Ui } from './ui/ui';
