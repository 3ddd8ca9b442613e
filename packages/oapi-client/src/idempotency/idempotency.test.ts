import { afterEach, describe, expect, it } from 'vitest';
import { OapiAmbiguousResultError } from '../errors/oapi-ambiguous-result-error';
import { usedOperations } from '../model/used-operations';
import { type MockApi, mockApi } from '../testing-support/mock-api';
import { recoveryFor } from './recovery-for';

const ok = (extra: Record<string, unknown> = {}) => ({ ResponseContext: { RequestId: 'req-ok' }, ...extra });
const apiError = (status: string, type: string) => ({ Errors: [{ Code: status, Type: type, Details: '' }] });

let api: MockApi;
afterEach(async () => {
  api.agent.assertNoPendingInterceptors();
  await api.agent.close();
});

describe('creates retried after an ambiguous failure', () => {
  it('CreateVms: one ClientToken per logical call, reused by the retry after a reset', async () => {
    api = mockApi();
    api.fail('CreateVms', 'ECONNRESET');
    api.reply('CreateVms', 200, ok({ Vms: [{ VmId: 'i-1' }] }));
    const answer = await api.client.call('CreateVms', { ImageId: 'ami-1' });
    expect(answer.Vms?.[0]?.VmId).toBe('i-1');
    const tokens = api.seen.map((request) => request.body.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(typeof tokens[0]).toBe('string');
    expect(tokens[1]).toBe(tokens[0]);
    // The next logical call gets a token of its own.
    api.reply('CreateVms', 200, ok({ Vms: [{ VmId: 'i-2' }] }));
    await api.client.call('CreateVms', { ImageId: 'ami-1' });
    expect(api.seen[2]?.body.ClientToken).not.toBe(tokens[0]);
  });

  it("CreateVms keeps the caller's own ClientToken", async () => {
    api = mockApi();
    api.reply('CreateVms', 200, ok());
    await api.client.call('CreateVms', { ImageId: 'ami-1', ClientToken: 'journal-token-1' });
    expect(api.seen[0]?.body.ClientToken).toBe('journal-token-1');
  });

  it('CreateSecurityGroup: after a timeout, finds the group the lost attempt made instead of creating it again', async () => {
    api = mockApi();
    api.fail('CreateSecurityGroup', 'UND_ERR_HEADERS_TIMEOUT');
    api.reply(
      'ReadSecurityGroups',
      200,
      ok({
        SecurityGroups: [
          { SecurityGroupId: 'sg-other', SecurityGroupName: 'packer_1', NetId: 'vpc-other' },
          { SecurityGroupId: 'sg-1', SecurityGroupName: 'packer_1', NetId: 'vpc-1' },
        ],
      }),
    );
    const answer = await api.client.call('CreateSecurityGroup', {
      SecurityGroupName: 'packer_1',
      Description: 'temporary',
      NetId: 'vpc-1',
    });
    expect(answer.SecurityGroup?.SecurityGroupId).toBe('sg-1');
    expect(api.seen.map((request) => request.operation)).toEqual(['CreateSecurityGroup', 'ReadSecurityGroups']);
    expect(api.seen[1]?.body).toEqual({ Filters: { SecurityGroupNames: ['packer_1'], NetIds: ['vpc-1'] } });
  });

  it('CreateSecurityGroup: creates again when the lookup finds nothing, and settles a duplicate-name answer', async () => {
    api = mockApi();
    api.reply('CreateSecurityGroup', 500, apiError('0', 'InternalError'));
    api.reply('ReadSecurityGroups', 200, ok({ SecurityGroups: [] }));
    // Eventual consistency: the lookup missed the group, the retry collides with it, a second lookup sees it.
    api.reply('CreateSecurityGroup', 409, apiError('9008', 'ResourceConflict'));
    api.reply('ReadSecurityGroups', 200, ok({ SecurityGroups: [{ SecurityGroupId: 'sg-2', SecurityGroupName: 'g' }] }));
    const answer = await api.client.call('CreateSecurityGroup', { SecurityGroupName: 'g', Description: 'd' });
    expect(answer.SecurityGroup?.SecurityGroupId).toBe('sg-2');
    expect(api.seen.map((request) => request.operation)).toEqual([
      'CreateSecurityGroup',
      'ReadSecurityGroups',
      'CreateSecurityGroup',
      'ReadSecurityGroups',
    ]);
  });

  it('CreateImage: after a 5xx, looks the image up by name in our own account', async () => {
    api = mockApi();
    api.reply('CreateImage', 502, 'Bad Gateway');
    api.reply('ReadAccounts', 200, ok({ Accounts: [{ AccountId: '123456789012' }] }));
    api.reply(
      'ReadImages',
      200,
      ok({ Images: [{ ImageId: 'ami-9', ImageName: 'golden', AccountId: '123456789012' }] }),
    );
    const answer = await api.client.call('CreateImage', { VmId: 'i-1', ImageName: 'golden' });
    expect(answer.Image?.ImageId).toBe('ami-9');
    expect(api.seen[2]?.body).toEqual({ Filters: { ImageNames: ['golden'], AccountIds: ['123456789012'] } });
  });

  it('CreateImage: a duplicate-name answer after a lost attempt is looked up again until the image shows', async () => {
    api = mockApi();
    api.fail('CreateImage', 'ECONNRESET');
    api.reply('ReadAccounts', 200, ok({ Accounts: [{ AccountId: '123456789012' }] }));
    api.reply('ReadImages', 200, ok({ Images: [] }));
    // The lost attempt made the image: the retry collides with it, but reads do not show it for a while.
    api.reply('CreateImage', 409, apiError('9015', 'ResourceConflict'));
    api.reply('ReadImages', 200, ok({ Images: [] }));
    api.reply(
      'ReadImages',
      200,
      ok({ Images: [{ ImageId: 'ami-7', ImageName: 'golden', AccountId: '123456789012' }] }),
    );
    const answer = await api.client.call('CreateImage', { VmId: 'i-1', ImageName: 'golden' });
    expect(answer.Image?.ImageId).toBe('ami-7');
    expect(api.seen.map((request) => request.operation)).toEqual([
      'CreateImage',
      'ReadAccounts',
      'ReadImages',
      'CreateImage',
      'ReadImages',
      'ReadImages',
    ]);
  });

  it('CreateKeypair: deletes the keypair a lost attempt may have made, then creates it again', async () => {
    api = mockApi();
    api.fail('CreateKeypair', 'ECONNRESET');
    api.reply('DeleteKeypair', 200, ok());
    api.reply('CreateKeypair', 200, ok({ Keypair: { KeypairName: 'packer_k', PrivateKey: '-----BEGIN' } }));
    const answer = await api.client.call('CreateKeypair', { KeypairName: 'packer_k' });
    expect(answer.Keypair?.PrivateKey).toBe('-----BEGIN');
    expect(api.seen.map((request) => request.operation)).toEqual(['CreateKeypair', 'DeleteKeypair', 'CreateKeypair']);
  });

  it('CreateKeypair: a refused connection never reached the API, so it is retried without deleting', async () => {
    api = mockApi();
    api.fail('CreateKeypair', 'ECONNREFUSED');
    api.reply('CreateKeypair', 200, ok({ Keypair: { KeypairName: 'packer_k' } }));
    await api.client.call('CreateKeypair', { KeypairName: 'packer_k' });
    expect(api.seen.map((request) => request.operation)).toEqual(['CreateKeypair', 'CreateKeypair']);
  });

  it('CreatePublicIp: an ambiguous failure is not retried and says what to check', async () => {
    api = mockApi();
    api.fail('CreatePublicIp', 'ECONNRESET');
    const error = await api.client.call('CreatePublicIp', {}).catch((e: unknown) => e);
    expect(OapiAmbiguousResultError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^CreatePublicIp may or may not have succeeded .*ReadPublicIps/);
    expect(api.seen).toHaveLength(1);
  });

  it('CreatePublicIp: throttling is retried (the API did not act on it)', async () => {
    api = mockApi();
    api.reply('CreatePublicIp', 429, apiError('24', 'AccessDenied'));
    api.reply('CreatePublicIp', 200, ok({ PublicIp: { PublicIpId: 'eipalloc-1' } }));
    const answer = await api.client.call('CreatePublicIp', {});
    expect(answer.PublicIp?.PublicIpId).toBe('eipalloc-1');
  });

  it('DeleteVms: "not found" on the retry after a reset means the lost attempt deleted it', async () => {
    api = mockApi();
    api.fail('DeleteVms', 'ECONNRESET');
    api.reply('DeleteVms', 400, apiError('5063', 'InvalidResource'));
    await expect(api.client.call('DeleteVms', { VmIds: ['i-1'] })).resolves.toEqual({});
  });

  it('DeleteVms: "not found" on a first attempt is still an error', async () => {
    api = mockApi();
    api.reply('DeleteVms', 400, apiError('5063', 'InvalidResource'));
    await expect(api.client.call('DeleteVms', { VmIds: ['i-1'] })).rejects.toMatchObject({ code: '5063' });
  });

  it('CreateTags: converges, so it is simply retried after a reset', async () => {
    api = mockApi();
    api.fail('CreateTags', 'ECONNRESET');
    api.reply('CreateTags', 200, ok());
    await api.client.call('CreateTags', { ResourceIds: ['i-1'], Tags: [{ Key: 'a', Value: 'b' }] });
    expect(api.seen).toHaveLength(2);
  });
});

describe('recoveryFor', () => {
  it('gives every used operation the recovery the README documents', () => {
    api = mockApi();
    const byKind: Record<string, string[]> = {};
    for (const operation of usedOperations) {
      const kind = recoveryFor(operation).kind;
      byKind[kind] = [...(byKind[kind] ?? []), operation];
    }
    expect(byKind['client-token']).toEqual(['CreateVms', 'CreateSnapshot', 'CreateVolume']);
    expect(byKind.lookup).toEqual([
      'CreateImage',
      'LinkVolume',
      'CreateSecurityGroup',
      'CreateSecurityGroupRule',
      'LinkPublicIp',
    ]);
    expect(byKind.recreate).toEqual(['CreateKeypair']);
    expect(byKind.unsafe).toEqual(['CreateImageExportTask', 'CreatePublicIp', 'CreateNet', 'CreateSubnet']);
    expect(byKind.delete?.every((operation) => /^(Delete|Unlink)/.test(operation))).toBe(true);
    expect(
      byKind.safe?.every((operation) => /^(Read|Check|Update|Start|Stop|Reboot|CreateTags$)/.test(operation)),
    ).toBe(true);
  });

  it('LinkPublicIp: a failed retry is settled by reading where the IP is linked', async () => {
    api = mockApi();
    api.fail('LinkPublicIp', 'ECONNRESET');
    api.reply('LinkPublicIp', 400, apiError('9002', 'ResourceConflict'));
    api.reply(
      'ReadPublicIps',
      200,
      ok({ PublicIps: [{ PublicIpId: 'eipalloc-1', VmId: 'i-1', LinkPublicIpId: 'eipassoc-1' }] }),
    );
    const answer = await api.client.call('LinkPublicIp', { PublicIpId: 'eipalloc-1', VmId: 'i-1' });
    expect(answer).toEqual({ LinkPublicIpId: 'eipassoc-1' });
    expect(api.seen[2]?.body).toEqual({ Filters: { PublicIpIds: ['eipalloc-1'] } });
  });
});
