import { type NetworkConfig, networkBlock } from './network-block';
import { type SecurityGroupConfig, securityGroupBlock } from './security-group-block';
import { type SourceOmiConfig, sourceOmiBlock } from './source-omi-block';
import { type VmLaunchConfig, vmLaunchBlock } from './vm-launch-block';

/**
 * The run config of the builders that launch a VM (bsu, bsusurrogate, bsuvolume), as the blocks to compose:
 * source OMI, network, security group, VM launch. Separate blocks so one wrong key does not hide the rules of
 * the others.
 */
export const runConfigBlocks = [sourceOmiBlock, networkBlock, securityGroupBlock, vmLaunchBlock] as const;

/** The decoded run config. */
export type RunConfig = SourceOmiConfig & NetworkConfig & SecurityGroupConfig & VmLaunchConfig;
