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
/** Outscale's OMI name rules (length in bytes, allowed characters). */
export { omiNameProblems } from './omi/omi-name-rules';
