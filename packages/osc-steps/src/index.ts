/** The access keys (credentials, Region, endpoint, x509, profile) of every Outscale builder. */
export { type AccessConfig, accessBlock } from './config/access-block';
/** Maps the access keys to osc-auth's AccessInput (unset fields left to the profile and environment). */
export { accessInput } from './config/access-input';
/** The entry schemas of the block device lists (launch, OMI, bsu_volumes), their limits and duplicate check. */
export {
  type BlockDeviceListKind,
  type BsuVolume,
  bsuVolumeSchema,
  duplicateDeviceIssues,
  type LaunchBlockDevice,
  launchBlockDeviceSchema,
  type OmiBlockDevice,
  omiBlockDeviceSchema,
  volumeLimits,
  volumeTypes,
} from './config/block-device-entry';
/** Maps block device entries to CreateVms and CreateImage block device mappings. */
export {
  type BlockDeviceEntry,
  bsuToCreate,
  launchBlockDeviceMappings,
  omiBlockDeviceMappings,
} from './config/block-device-mappings';
/** The `launch_block_device_mappings` and `omi_block_device_mappings` blocks, and the bsu_volumes aliases. */
export {
  bsuVolumeAliases,
  type LaunchBlockDevicesConfig,
  launchBlockDevicesBlock,
  type OmiBlockDevicesConfig,
  omiBlockDevicesBlock,
} from './config/block-devices-block';
/** The build data of deferred fields (`{{ .SourceOMIName }}`...): names, rendering, and the prepare-time check. */
export {
  buildInfoNames,
  checkBuildInfoTemplates,
  type OutscaleBuildInfo,
  renderMapWithBuildInfo,
  renderWithBuildInfo,
} from './config/build-info';
/** The communicator block with the Outscale defaults (ssh_timeout 10m) and key pair rules. */
export {
  communicatorPort,
  needsTemporaryKeyPair,
  outscaleCommunicatorBlock,
  outscaleSshTimeoutMs,
} from './config/communicator-block';
/** Prepare-time checks of the files a template names (key files), with Packer's path rules. */
export { communicatorFileIssues, type PathBase, resolveTemplatePath } from './config/local-files';
/** Filter names and values shared by the filter blocks. */
export { type FilterKey, type FilterKeys, type FilterValueKind, parseFilterBoolean } from './config/name-value-filter';
/** The network keys: Subnet, Net, Subregion, public IP, ssh_interface. */
export {
  type NetworkConfig,
  netFilterKeys,
  networkBlock,
  sshInterfaces,
  subnetFilterKeys,
} from './config/network-block';
/** ReadNets and ReadSubnets filters from net_filter and subnet_filter. */
export { netFilters, type SubnetScope, subnetFilters } from './config/network-filters';
/** The OMI keys and the sharing they ask for. */
export { type OmiConfig, type OmiSharing, omiBlock, omiSharing } from './config/omi-block';
/** Cross-block OMI rules: omi_regions against the Region, force_delete_snapshot without force_deregister. */
export { checkForceOptions, checkOmiRegions } from './config/omi-rules';
/** Keys of old docs and AWS-era templates that cannot be honoured: explained warnings or errors. */
export { type RetiredKey, retiredOmiKeys, retiredRunKeys, takeRetiredKeys } from './config/retired-keys';
/** The run config blocks (source OMI, network, security group, VM launch) of the builders that launch a VM. */
export { type RunConfig, runConfigBlocks } from './config/run-config';
/** The security group keys, the temporary group's source ranges, and existing group ids. */
export {
  cidrProblem,
  defaultSourceCidr,
  type SecurityGroupConfig,
  securityGroupBlock,
  securityGroupFilterKeys,
  securityGroupIds,
  temporarySecurityGroupCidrs,
} from './config/security-group-block';
/** ReadSecurityGroups filters from security_group_filter. */
export { securityGroupFilters } from './config/security-group-filters';
/** The source OMI keys (`source_omi`, `source_omi_filter`). */
export { type OmiFilterConfig, omiFilterKeys, type SourceOmiConfig, sourceOmiBlock } from './config/source-omi-block';
/** ReadImages filters that find the source OMI (one query per owner kind). */
export { ownersIncludeSelf, type SourceOmiQueryOptions, sourceOmiQueries } from './config/source-omi-queries';
/** User data: encoding for CreateVms, the API's size limit, and the prepare-time file check. */
export { encodeUserData, maxUserDataBytes, userDataFileIssues } from './config/user-data';
/** The VM launch keys (vm_type, user data, shutdown behaviour, boot mode, run_tags...). */
export { bootModes, shutdownBehaviors, type VmLaunchConfig, vmLaunchBlock } from './config/vm-launch-block';
/** The tag key and value that name a build on its temporary resources. */
export { buildIdOf, buildTag, buildTagKey } from './journal/build-tag';
/** cleanupLeftovers: what `osc-packer cleanup` does (find, show, delete in dependency order, tidy the journal). */
export { type CleanupLeftoversOptions, type CleanupReport, cleanupLeftovers } from './journal/cleanup-leftovers';
/** findLeftovers: what killed builds left, from their journals and build tags; reads only. */
export { type FindLeftoversOptions, findLeftovers, type LeftoverBuild, type Leftovers } from './journal/find-leftovers';
/** The journal file format: one JSON document per build. */
export {
  type JournalDocument,
  type JournalEntry,
  type JournalEntryState,
  type JournalResourceKind,
  type JournalTarget,
  journalDocumentSchema,
  journalFormatVersion,
  journalResourceKinds,
  outstandingEntries,
} from './journal/journal-document';
/** Reads the journal files of a directory. */
export { type JournalFile, readJournalFile, readJournalFiles } from './journal/journal-files';
/** A leftover resource, the deletion order, and how it is described. */
export { deletionOrder, describeLeftover, type LeftoverResource } from './journal/leftover-resource';
/** Whether a journal's build may still be running (same host, process alive). */
export { journalBuildRunning, processAlive } from './journal/process-alive';
/** The resource journal of one build: written before every create, completed after, tidied at the end. */
export {
  type JournalIntent,
  journalFileName,
  ResourceJournal,
  type ResourceJournalOptions,
} from './journal/resource-journal';
/** Outscale's OMI name rules (length in bytes, allowed characters). */
export { omiNameProblems } from './omi/omi-name-rules';
/** Idempotent, retrying deletes of each kind of resource (shared by step cleanups and `cleanup`). */
export { deleteImageAndSnapshots, deleteSnapshot, imageSnapshotIds } from './resources/delete-image';
export { deleteKeypair } from './resources/delete-keypair';
export { deletePublicIp } from './resources/delete-public-ip';
export { deleteSecurityGroup } from './resources/delete-security-group';
export { deleteVm } from './resources/delete-vm';
export { deleteVolume } from './resources/delete-volume';
/** What a delete needs (the client, polling, the eventual consistency bound) and the wait options it makes. */
export { consistencyWait, type ResourceEnv, waitOptions } from './resources/resource-env';
/** The CreateImage request of the new OMI (from the VM, with `omi_block_device_mappings`). */
export { type CreateImageConfig, createImageRequest } from './steps/create-image-request';
/** The CreateVms request of the source VM, and its tags. */
export { createVmsRequest, type VmRequestConfig, vmTags } from './steps/create-vms-request';
/** The typed state of an Outscale build. */
export type { OscBuildState } from './steps/osc-build-state';
/** The generated data of an Outscale build (`{{ build \`SourceOMIName\` }}`...). */
export { oscGeneratedData, oscGeneratedDataNames } from './steps/osc-generated-data';
/** What the steps share: the build's client, journal, polling and secrets. */
export { createOscStepEnv, type OscStepEnv, type OscStepEnvOptions } from './steps/osc-step-env';
/** A step failure a person can act on. */
export { OutscaleBuildError, type OutscaleBuildErrorKind } from './steps/outscale-build-error';
/** Retries a call refused for eventual consistency, bounded. */
export { type RetryEventuallyOptions, retryEventually } from './steps/retry-eventually';
/** Picks the source OMI among the candidates (with the candidates and filters in every message). */
export { chooseSourceImage, describeImages } from './steps/source-omi-choice';
/** The address the communicator connects to, or why there is none. */
export { type SshAddress, type SshInterface, sshAddress } from './steps/ssh-address';
/** The steps, one per file, each with its run and idempotent cleanup. */
export { stepCheckAuth } from './steps/step-check-auth';
export { stepCleanupVolumes } from './steps/step-cleanup-volumes';
export { removeKeyCommand, stepClearAuthorizedKeys } from './steps/step-clear-authorized-keys';
export { type ConnectOptions, type SshEndpointResolver, stepConnect } from './steps/step-connect';
export { snapshotsOf, stepCreateOmi } from './steps/step-create-omi';
export { stepForceDeregister } from './steps/step-force-deregister';
export { stepKeepArtifact } from './steps/step-keep-artifact';
export { type KeyPlan, type KeypairStepOptions, keyPlan, stepKeypair } from './steps/step-keypair';
export { stepLinkPublicIp } from './steps/step-link-public-ip';
export { stepNetworkInfo } from './steps/step-network-info';
export { type PreValidateConfig, stepPreValidate } from './steps/step-pre-validate';
export { stepPublicIp } from './steps/step-public-ip';
export { type RunSourceVmConfig, type RunSourceVmOptions, stepRunSourceVm } from './steps/step-run-source-vm';
export { stepSecurityGroup, temporaryGroupRule } from './steps/step-security-group';
export { sharingRequests, stepShareOmi } from './steps/step-share-omi';
export { buildInfoOf, stepSourceOmi } from './steps/step-source-omi';
export { type SshHostConfig, stepSshHost } from './steps/step-ssh-host';
export { stepStopVm } from './steps/step-stop-vm';
export { stepTagOmi } from './steps/step-tag-omi';
/** The API's tag list from a tag map, and CreateTags with retries while a new resource is not visible. */
export { tagList, tagResources } from './steps/tag-resources';
