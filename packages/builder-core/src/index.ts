/** Packer's clean_resource_name / clean_omi_name template function. */

/** What a build produced. */
export type { Artifact } from './build/artifact';
/** A builder: pure prepare, then run. */
export type { Builder, PrepareResult } from './build/builder';
/** A connection to the machine being provisioned (SSH). */
export type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator/communicator';
/** Connects over SSH (retries until ssh_timeout, bastion, proxy) and returns a ready communicator. */
export { connectSsh } from './communicator/connect-ssh';
/** Packer's SSH communicator: commands, SCP and SFTP transfers, reconnect after a dropped connection. */
export { SshCommunicator } from './communicator/ssh-communicator';
/** Options of the SSH communicator: what the `ssh_*` configuration keys map to. */
export type {
  SshCommunicatorOptions,
  SshCredentials,
  SshEndpoint,
  SshKeyboardInteractive,
  SshPrivateKeySource,
  SshPrompt,
  SshProxy,
  SshTunnel,
} from './communicator/ssh-communicator-options';
/** A failure of the SSH communicator, with a machine-readable reason. */
export { SshError, type SshErrorReason } from './communicator/ssh-error';
/** One configuration problem with its key path. */
export type { ConfigIssue } from './config/config-issue';
export { cleanResourceName } from './interpolation/clean-resource-name';
/** What builds print through: Packer's human and machine-readable output. */
export type { ProgressTracker, Ui } from './ui/ui';
