import type { CommunicatorConfig, GeneratedData } from '@osc-packer/builder-core';
import { buildInfoNames, emptyBuildInfo } from '../config/build-info';
import type { OscBuildState } from './osc-build-state';

/** The names of the generated data an Outscale build gives provisioners (`{{ build \`Name\` }}`) and post-processors. */
export const oscGeneratedDataNames = [
  'ID',
  'Host',
  'Port',
  'User',
  'Password',
  'ConnType',
  'SSHPublicKey',
  'SSHPrivateKey',
  'PackerRunUUID',
  'PackerHTTPIP',
  'PackerHTTPPort',
  'PackerHTTPAddr',
  ...buildInfoNames,
] as const;

/**
 * The generated data of an Outscale build (Packer's `generated_data`): the core names (`ID` = the VM id,
 * `Host`, `Port`, `User`, `Password`, `ConnType`, the SSH keys, `PackerRunUUID`; `PackerHTTP*` empty, as no
 * HTTP server is served) plus the build data the Go plugin did not expose (`SourceOMI`, `SourceOMIName`,
 * `SourceOMITags`, `SourceOMICreationDate`, `SourceOMIOwner`, `SourceOMIOwnerName`, `BuildRegion`).
 */
export function oscGeneratedData(
  state: OscBuildState,
  config: Pick<CommunicatorConfig, 'communicator' | 'ssh_username' | 'ssh_password'>,
  runUuid: string,
): GeneratedData {
  const info = state.buildInfo ?? emptyBuildInfo;
  return {
    ID: state.vm?.VmId ?? '',
    Host: state.sshHost ?? '',
    Port: state.sshPort ?? '',
    User: config.ssh_username ?? '',
    Password: config.ssh_password ?? '',
    ConnType: config.communicator,
    SSHPublicKey: state.publicKey ?? '',
    SSHPrivateKey: state.privateKey ?? '',
    PackerRunUUID: runUuid,
    PackerHTTPIP: '',
    PackerHTTPPort: '',
    PackerHTTPAddr: '',
    ...info,
    SourceOMITags: { ...info.SourceOMITags },
  };
}
