// INTERIM: a throwaway stand-in for the generated wire types that the oapi-types helper is landing
// (src/generated/**). Deleted before this branch lands on main.

export interface ResponseContext {
  RequestId?: string;
}
export interface ResourceTag {
  Key: string;
  Value: string;
}
export interface StateComment {
  StateCode?: string;
  StateMessage?: string;
}
export interface Vm {
  VmId?: string;
  State?: string;
  StateReason?: string;
  Tags?: ResourceTag[];
}
export interface Image {
  ImageId?: string;
  ImageName?: string;
  AccountId?: string;
  State?: string;
  StateComment?: StateComment;
}
export interface Snapshot {
  SnapshotId?: string;
  State?: string;
  Progress?: number;
}
export interface LinkedVolume {
  VmId?: string;
  VolumeId?: string;
  DeviceName?: string;
  State?: string;
}
export interface Volume {
  VolumeId?: string;
  State?: string;
  LinkedVolumes?: LinkedVolume[];
}
export interface SecurityGroup {
  SecurityGroupId?: string;
  SecurityGroupName?: string;
  NetId?: string;
}
export interface Keypair {
  KeypairName?: string;
  PrivateKey?: string;
}
interface Paged {
  NextPageToken?: string;
  ResultsPerPage?: number;
  DryRun?: boolean;
}
interface Out {
  ResponseContext?: ResponseContext;
}

export interface OapiOperations {
  ReadVms: { request: Paged & { Filters?: { VmIds?: string[]; TagKeys?: string[] } }; response: Out & { Vms?: Vm[]; NextPageToken?: string } };
  CreateVms: { request: { ImageId: string; ClientToken?: string; VmType?: string; DryRun?: boolean; UserData?: string; KeypairName?: string }; response: Out & { Vms?: Vm[] } };
  DeleteVms: { request: { VmIds: string[]; DryRun?: boolean }; response: Out & { Vms?: { VmId?: string; CurrentState?: string }[] } };
  ReadImages: { request: Paged & { Filters?: { ImageIds?: string[]; ImageNames?: string[]; AccountIds?: string[] } }; response: Out & { Images?: Image[]; NextPageToken?: string } };
  CreateImage: { request: { VmId?: string; ImageName?: string; Description?: string; NoReboot?: boolean; SourceImageId?: string; SourceRegionName?: string; DryRun?: boolean }; response: Out & { Image?: Image } };
  DeleteImage: { request: { ImageId: string; DryRun?: boolean }; response: Out };
  ReadSnapshots: { request: Paged & { Filters?: { SnapshotIds?: string[] } }; response: Out & { Snapshots?: Snapshot[]; NextPageToken?: string } };
  CreateSnapshot: { request: { VolumeId?: string; ClientToken?: string; Description?: string; DryRun?: boolean }; response: Out & { Snapshot?: Snapshot } };
  ReadVolumes: { request: Paged & { Filters?: { VolumeIds?: string[] } }; response: Out & { Volumes?: Volume[]; NextPageToken?: string } };
  ReadSecurityGroups: { request: Paged & { Filters?: { SecurityGroupNames?: string[]; SecurityGroupIds?: string[]; NetIds?: string[] } }; response: Out & { SecurityGroups?: SecurityGroup[]; NextPageToken?: string } };
  CreateSecurityGroup: { request: { SecurityGroupName: string; Description: string; NetId?: string; DryRun?: boolean }; response: Out & { SecurityGroup?: SecurityGroup } };
  DeleteSecurityGroup: { request: { SecurityGroupId?: string; SecurityGroupName?: string; DryRun?: boolean }; response: Out };
  CreateKeypair: { request: { KeypairName: string; PublicKey?: string; DryRun?: boolean }; response: Out & { Keypair?: Keypair } };
  DeleteKeypair: { request: { KeypairName?: string; KeypairId?: string; DryRun?: boolean }; response: Out };
  CreatePublicIp: { request: { DryRun?: boolean }; response: Out & { PublicIp?: { PublicIpId?: string; PublicIp?: string } } };
  CreateTags: { request: { ResourceIds: string[]; Tags: ResourceTag[]; DryRun?: boolean }; response: Out };
  ReadAccounts: { request: { DryRun?: boolean }; response: Out & { Accounts?: { AccountId?: string }[] } };
  ReadAdminPassword: { request: { VmId: string; DryRun?: boolean }; response: Out & { AdminPassword?: string; VmId?: string } };
  CreateImageExportTask: { request: { ImageId: string; OsuExport: { DiskImageFormat: string; OsuBucket: string; OsuApiKey?: { ApiKeyId?: string; SecretKey?: string } }; DryRun?: boolean }; response: Out };
  CreateVolume: { request: { SubregionName: string; Size?: number; ClientToken?: string; DryRun?: boolean }; response: Out & { Volume?: Volume } };
  CreateSecurityGroupRule: { request: { SecurityGroupId: string; Flow: string; IpProtocol?: string; FromPortRange?: number; ToPortRange?: number; IpRange?: string; DryRun?: boolean }; response: Out & { SecurityGroup?: SecurityGroup } };
  LinkVolume: { request: { VolumeId: string; VmId: string; DeviceName: string; DryRun?: boolean }; response: Out };
  UnlinkVolume: { request: { VolumeId: string; ForceUnlink?: boolean; DryRun?: boolean }; response: Out };
  ReadPublicIps: { request: Paged; response: Out & { PublicIps?: { PublicIpId?: string }[]; NextPageToken?: string } };
}
export type OperationName = keyof OapiOperations;

export interface OperationInfo {
  paginated: boolean;
  clientToken: boolean;
  authenticated: boolean;
}
const info = (paginated: boolean, clientToken = false): OperationInfo => ({ paginated, clientToken, authenticated: true });
export const operationInfo: Record<OperationName, OperationInfo> = {
  ReadVms: info(true),
  CreateVms: info(false, true),
  DeleteVms: info(false),
  ReadImages: info(true),
  CreateImage: info(false),
  DeleteImage: info(false),
  ReadSnapshots: info(true),
  CreateSnapshot: info(false, true),
  ReadVolumes: info(true),
  ReadSecurityGroups: info(true),
  CreateSecurityGroup: info(false),
  DeleteSecurityGroup: info(false),
  CreateKeypair: info(false),
  DeleteKeypair: info(false),
  CreatePublicIp: info(false),
  CreateTags: info(false),
  ReadAccounts: info(false),
  ReadAdminPassword: info(false),
  CreateImageExportTask: info(false),
  CreateVolume: info(false, true),
  CreateSecurityGroupRule: info(false),
  LinkVolume: info(false),
  UnlinkVolume: info(false),
  ReadPublicIps: info(true),
};

export const interimErrorCodes = {
  throttledWholePlatform: '6',
  throttledPerAccount: '24',
  throttledPerCall: '25',
} as const;
