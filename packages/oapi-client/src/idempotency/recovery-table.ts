import type { RequestOf, ResponseOf } from '../client/oapi-client';
import { isAlreadyExistsError, isNotFoundError } from '../errors/error-predicates';
import { OapiAmbiguousResultError } from '../errors/oapi-ambiguous-result-error';
import type { Recovery, RecoveryContext, RecoveryTable } from './recovery';

async function findSecurityGroup(
  ctx: RecoveryContext,
  input: RequestOf<'CreateSecurityGroup'>,
): Promise<ResponseOf<'CreateSecurityGroup'> | undefined> {
  const netIds = input.NetId ? { NetIds: [input.NetId] } : {};
  const { SecurityGroups = [] } = await ctx.call(
    'ReadSecurityGroups',
    { Filters: { SecurityGroupNames: [input.SecurityGroupName], ...netIds } },
    { signal: ctx.signal },
  );
  // Names are unique per Net (or in the public Cloud), so the same name in another Net is someone else's.
  const found = SecurityGroups.find(
    (group) => group.SecurityGroupName === input.SecurityGroupName && (group.NetId || '') === (input.NetId || ''),
  );
  return found ? { SecurityGroup: found } : undefined;
}

async function findImage(
  ctx: RecoveryContext,
  input: RequestOf<'CreateImage'>,
): Promise<ResponseOf<'CreateImage'> | undefined> {
  const name = input.ImageName;
  if (!name) {
    throw new OapiAmbiguousResultError(
      'CreateImage',
      new Error('the call failed without an answer and has no ImageName to look the image up by'),
      'look for a new OMI in ReadImages and delete it (DeleteImage) if it is a duplicate',
    );
  }
  // Image names are unique per account; without the account filter a public image of another account with
  // the same name would be mistaken for ours.
  const accountId = await ctx.accountId();
  const owner = accountId ? { AccountIds: [accountId] } : {};
  const { Images = [] } = await ctx.call(
    'ReadImages',
    { Filters: { ImageNames: [name], ...owner } },
    { signal: ctx.signal },
  );
  const found = Images.find((image) => image.ImageName === name && (!accountId || image.AccountId === accountId));
  return found ? { Image: found } : undefined;
}

async function volumeLinks(ctx: RecoveryContext, volumeId: string) {
  const { Volumes = [] } = await ctx.call(
    'ReadVolumes',
    { Filters: { VolumeIds: [volumeId] } },
    { signal: ctx.signal },
  );
  return Volumes[0]?.LinkedVolumes ?? [];
}

async function settleLinkPublicIp(
  ctx: RecoveryContext,
  input: RequestOf<'LinkPublicIp'>,
): Promise<ResponseOf<'LinkPublicIp'> | undefined> {
  const filters = input.PublicIpId
    ? { PublicIpIds: [input.PublicIpId] }
    : input.PublicIp
      ? { PublicIps: [input.PublicIp] }
      : undefined;
  if (!filters) return undefined;
  const { PublicIps = [] } = await ctx.call('ReadPublicIps', { Filters: filters }, { signal: ctx.signal });
  const ip = PublicIps[0];
  const linked = ip && ((input.VmId && ip.VmId === input.VmId) || (input.NicId && ip.NicId === input.NicId));
  return linked ? { LinkPublicIpId: ip.LinkPublicIpId } : undefined;
}

const lookupSecurityGroup: Recovery<'CreateSecurityGroup'> = {
  kind: 'lookup',
  findExisting: findSecurityGroup,
  settle: async (ctx, input, error) => (isAlreadyExistsError(error) ? findSecurityGroup(ctx, input) : undefined),
};

const lookupImage: Recovery<'CreateImage'> = {
  kind: 'lookup',
  findExisting: findImage,
  settle: async (ctx, input, error) => (isAlreadyExistsError(error) ? findImage(ctx, input) : undefined),
};

const recreateKeypair: Recovery<'CreateKeypair'> = {
  kind: 'recreate',
  // The private key is only in the create answer, so a keypair made by a lost attempt is useless: delete it.
  // This assumes the name is this build's own (osc-steps names temporary keypairs per build).
  async prepareRetry(ctx, input) {
    try {
      await ctx.call('DeleteKeypair', { KeypairName: input.KeypairName }, { signal: ctx.signal });
    } catch (error) {
      if (!isNotFoundError(error)) throw error;
    }
  },
};

/** Operations whose recovery is more than the default rules (see recoveryFor). */
export const recoveryTable: RecoveryTable = {
  CreateSecurityGroup: lookupSecurityGroup,
  CreateImage: lookupImage,
  CreateKeypair: recreateKeypair,
  CreateSecurityGroupRule: {
    kind: 'lookup',
    settle: async (ctx, input, error) => {
      if (!isAlreadyExistsError(error)) return undefined;
      const filters = { Filters: { SecurityGroupIds: [input.SecurityGroupId] } };
      const { SecurityGroups = [] } = await ctx.call('ReadSecurityGroups', filters, { signal: ctx.signal });
      return SecurityGroups[0] ? { SecurityGroup: SecurityGroups[0] } : undefined;
    },
  },
  LinkVolume: {
    kind: 'lookup',
    settle: async (ctx, input) => {
      const links = await volumeLinks(ctx, input.VolumeId);
      return links.some((link) => link.VmId === input.VmId) ? {} : undefined;
    },
  },
  LinkPublicIp: { kind: 'lookup', settle: (ctx, input) => settleLinkPublicIp(ctx, input) },
  UnlinkVolume: {
    kind: 'delete',
    settle: async (ctx, input, error) => {
      if (isNotFoundError(error)) return {};
      const links = await volumeLinks(ctx, input.VolumeId);
      return links.every((link) => link.State === 'detached') ? {} : undefined;
    },
  },
  CreatePublicIp: {
    kind: 'unsafe',
    whatToCheck: 'list the public IPs (ReadPublicIps) and release one that no VM uses (DeletePublicIp)',
  },
  CreateImageExportTask: {
    kind: 'unsafe',
    whatToCheck: 'look for a duplicate task in ReadImageExportTasks and its objects in the bucket',
  },
};
