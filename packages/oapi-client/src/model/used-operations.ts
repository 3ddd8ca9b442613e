/**
 * Every Outscale API operation osc-packer calls or local-cloud serves. The type generator emits wire types
 * for exactly these operations (and the schemas they reach), so adding a call starts here.
 *
 * Sources: the builders' calls (packer-outscale-reference.md, Appendix A), their lookups and cleanups
 * (public IPs, tags, console output, cross-Region copy through image export), and what local-cloud and the
 * tests need to set up or observe a cloud (start, state polls, nets and subnets, rule removal).
 */
export const usedOperations = [
  'ReadAccounts',
  'ReadRegions',
  'ReadSubregions',
  'ReadVmTypes',
  'ReadVms',
  'ReadVmsState',
  'CreateVms',
  'StartVms',
  'StopVms',
  'UpdateVm',
  'DeleteVms',
  'ReadAdminPassword',
  'ReadConsoleOutput',
  'ReadImages',
  'CreateImage',
  'UpdateImage',
  'DeleteImage',
  'CreateImageExportTask',
  'ReadImageExportTasks',
  'ReadSnapshots',
  'CreateSnapshot',
  'UpdateSnapshot',
  'DeleteSnapshot',
  'ReadVolumes',
  'CreateVolume',
  'LinkVolume',
  'UnlinkVolume',
  'DeleteVolume',
  'ReadKeypairs',
  'CreateKeypair',
  'DeleteKeypair',
  'ReadSecurityGroups',
  'CreateSecurityGroup',
  'CreateSecurityGroupRule',
  'DeleteSecurityGroupRule',
  'DeleteSecurityGroup',
  'ReadPublicIps',
  'CreatePublicIp',
  'LinkPublicIp',
  'UnlinkPublicIp',
  'DeletePublicIp',
  'ReadNets',
  'CreateNet',
  'DeleteNet',
  'ReadSubnets',
  'CreateSubnet',
  'DeleteSubnet',
  'ReadTags',
  'CreateTags',
  'DeleteTags',
] as const;

/** The name of an operation in {@link usedOperations}. */
export type UsedOperationName = (typeof usedOperations)[number];
