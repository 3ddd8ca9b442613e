import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { createOapiClient, type OapiClient } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../config/network-block';
import type { SourceOmiConfig } from '../config/source-omi-block';
import { clientOf, runTestSteps, testStepEnv } from '../test/step-test-kit';
import { stepCheckAuth } from './step-check-auth';
import { stepNetworkInfo } from './step-network-info';
import { stepPreValidate } from './step-pre-validate';
import { stepSecurityGroup } from './step-security-group';
import { stepSourceOmi } from './step-source-omi';

let cloud: LocalCloud;
let alice: OapiClient;
let bob: OapiClient;
const copies: string[] = [];

async function copyCatalog(client: OapiClient, name: string): Promise<string> {
  const { Image } = await client.call('CreateImage', {
    SourceImageId: cloud.catalogImageId,
    SourceRegionName: cloud.region,
    ImageName: name,
  });
  return Image?.ImageId ?? '';
}

beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'instant' });
  alice = clientOf(cloud, 0);
  bob = clientOf(cloud, 1);
  copies.push(await copyCatalog(alice, 'copy-one'));
  copies.push(await copyCatalog(alice, 'copy-two'));
  const bobs = await copyCatalog(bob, 'copy-bob');
  await bob.call('UpdateImage', { ImageId: bobs, PermissionsToLaunch: { Additions: { GlobalPermission: true } } });
  copies.push(bobs);
}, 60_000);
afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await cloud?.close();
}, 60_000);

async function findSource(config: SourceOmiConfig) {
  const env = await testStepEnv(alice);
  const { outcome, state } = await runTestSteps([stepSourceOmi(env, config)]);
  return { error: outcome.status === 'halted' ? outcome.error.message : undefined, state };
}

const filter = (extra: Partial<NonNullable<SourceOmiConfig['source_omi_filter']>>) => ({
  source_omi_filter: { most_recent: false, ...extra },
});

describe('check auth', () => {
  it('passes with good keys and halts with the reference message and the API error with bad ones', async () => {
    const env = await testStepEnv(alice);
    expect((await runTestSteps([stepCheckAuth(env)])).outcome.status).toBe('completed');
    const wrong = createOapiClient({
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKey: cloud.accounts[0]?.accessKey ?? '', secretKey: 'not-the-secret-key-at-all' },
      retry: { maxAttempts: 1 },
    });
    const { outcome } = await runTestSteps([stepCheckAuth(await testStepEnv(wrong))]);
    expect(outcome.status).toBe('halted');
    const message = outcome.status === 'halted' ? outcome.error.message : '';
    expect(message).toContain('OUTSCALE API authentication failed; verify your credentials and region configuration: ');
    expect(message).toMatch(/ReadVms failed with HTTP 401: \[1\]/);
    expect(message).not.toContain('not-the-secret-key-at-all');
    await wrong.close();
  });
});

describe('pre-validate', () => {
  it('refuses a name this account already uses, ignores other accounts, and is skipped by force_deregister', async () => {
    const env = await testStepEnv(alice);
    const taken = await runTestSteps([stepPreValidate(env, { omi_name: 'copy-one', force_deregister: false })]);
    expect(taken.outcome.status).toBe('halted');
    if (taken.outcome.status === 'halted') {
      expect(taken.outcome.error.message).toContain(
        `error: name conflicts with an existing OMI: copy-one (${copies[0]}`,
      );
      expect(taken.outcome.error.message).toContain('force_deregister');
    }
    const others = await runTestSteps([stepPreValidate(env, { omi_name: 'copy-bob', force_deregister: false })]);
    expect(others.outcome.status).toBe('completed');
    const forced = await runTestSteps([stepPreValidate(env, { omi_name: 'copy-one', force_deregister: true })]);
    expect(forced.outcome.status).toBe('completed');
    expect(forced.ui.texts()).toContain('Force deregister flag found, skipping prevalidating OMI name');
  });
});

describe('source OMI', () => {
  it('finds an OMI by id and gives the build data, with the resolved Region', async () => {
    const { error, state } = await findSource({ source_omi: cloud.catalogImageId });
    expect(error).toBeUndefined();
    expect(state.buildInfo).toMatchObject({
      BuildRegion: 'eu-west-2',
      SourceOMI: cloud.catalogImageId,
      SourceOMIName: 'Debian-12-2026.11.01-0',
      SourceOMIOwnerName: 'Outscale',
    });
    expect(state.buildInfo?.SourceOMICreationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('finds by filters and owner alias, and intersects source_omi with the filters', async () => {
    const byAlias = await findSource(filter({ filters: { 'image-name': 'Debian-12-*' }, owners: ['Outscale'] }));
    expect(byAlias.state.sourceImage?.ImageId).toBe(cloud.catalogImageId);
    const both = await findSource({
      source_omi: cloud.catalogImageId,
      ...filter({ filters: { 'image-name': 'copy-*' }, owners: ['Outscale'] }),
    });
    expect(both.error).toContain('no OMI was found matching filters: ');
    expect(both.error).toContain(`"ImageIds":["${cloud.catalogImageId}"]`);
    expect(both.error).toContain('"ImageNames":["copy-*"]');
  });

  it('lists the candidates when the query is ambiguous, and takes the newest with most_recent', async () => {
    const ambiguous = await findSource(filter({ filters: { 'image-name': 'copy-*' }, owners: ['self'] }));
    expect(ambiguous.error).toContain('your query returned more than one result (2)');
    expect(ambiguous.error).toContain(`${copies[0]} "copy-one"`);
    expect(ambiguous.error).toContain(`${copies[1]} "copy-two"`);
    const newest = await findSource(
      filter({ filters: { 'image-name': 'copy-*' }, owners: ['self'], most_recent: true }),
    );
    expect(newest.state.sourceImage?.ImageName).toBe('copy-two');
  });

  it('merges owners given as account ids and aliases (one query per kind)', async () => {
    const bobId = cloud.accounts[1]?.accountId ?? '';
    const mixed = await findSource(filter({ filters: { 'image-name': '*' }, owners: [bobId, 'Outscale'] }));
    expect(mixed.error).toContain('more than one result (2)');
    expect(mixed.error).toContain(copies[2]);
    expect(mixed.error).toContain(cloud.catalogImageId);
  });
});

describe('network info', () => {
  it('finds the Net, and the Subnet in it by filter (most_free) or by id, with its Subregion', async () => {
    const { Net } = await alice.call('CreateNet', { IpRange: '10.7.0.0/16' });
    const netId = Net?.NetId ?? '';
    const small = await alice.call('CreateSubnet', {
      NetId: netId,
      IpRange: '10.7.1.0/28',
      SubregionName: 'eu-west-2a',
    });
    const large = await alice.call('CreateSubnet', {
      NetId: netId,
      IpRange: '10.7.2.0/24',
      SubregionName: 'eu-west-2b',
    });
    const env = await testStepEnv(alice);
    const base: NetworkConfig = { associate_public_ip_address: false };
    const run = async (config: NetworkConfig) => {
      const { outcome, state } = await runTestSteps([stepNetworkInfo(env, config)]);
      return { error: outcome.status === 'halted' ? outcome.error.message : undefined, state };
    };
    const free = await run({
      ...base,
      net_filter: { filters: { 'ip-range': '10.7.0.0/16' } },
      subnet_filter: { filters: {}, most_free: true, random: false },
    });
    expect(free.state).toMatchObject({ netId, subnetId: large.Subnet?.SubnetId, subregionName: 'eu-west-2b' });
    const ambiguous = await run({
      ...base,
      net_id: netId,
      subnet_filter: { filters: {}, most_free: false, random: false },
    });
    expect(ambiguous.error).toContain(
      'your filter matched 2 Subnets. Please try a more specific search, or set random or most_free to true',
    );
    expect(ambiguous.error).toContain(small.Subnet?.SubnetId);
    const byId = await run({ ...base, subnet_id: small.Subnet?.SubnetId });
    expect(byId.state).toMatchObject({ netId, subnetId: small.Subnet?.SubnetId, subregionName: 'eu-west-2a' });
    const none = await run({ ...base, net_filter: { filters: { 'ip-range': '10.99.0.0/16' } } });
    expect(none.error).toContain("exactly one NET should match the filter, but 0 NET's was found");
    const noSubnet = await run({ ...base, net_id: netId });
    expect(noSubnet.error).toContain(`the Net ${netId} is chosen but no Subnet of it: set subnet_id or subnet_filter`);
    const publicCloud = await run(base);
    expect(publicCloud.state).toEqual({ netId: null, subnetId: null, subregionName: null });
  });
});

describe('security group (existing groups)', () => {
  it('uses groups by id (all must exist) or by filter (one at least)', async () => {
    const { SecurityGroup } = await alice.call('CreateSecurityGroup', {
      SecurityGroupName: 'web-ssh',
      Description: 'ssh',
    });
    const id = SecurityGroup?.SecurityGroupId ?? '';
    await alice.call('CreateTags', { ResourceIds: [id], Tags: [{ Key: 'role', Value: 'builder' }] });
    const env = await testStepEnv(alice);
    const run = async (config: Parameters<typeof stepSecurityGroup>[1]) => {
      const { outcome, state } = await runTestSteps([stepSecurityGroup(env, config, { port: 22 })], { netId: null });
      return { error: outcome.status === 'halted' ? outcome.error.message : undefined, ids: state.securityGroupIds };
    };
    expect((await run({ security_group_id: id })).ids).toEqual([id]);
    expect((await run({ security_group_ids: [id, 'sg-00000000'] })).error).toBe(
      "couldn't find specified security group: sg-00000000",
    );
    expect((await run({ security_group_filter: { filters: { tags: 'role=builder' } } })).ids).toEqual([id]);
    expect((await run({ security_group_filter: { filters: { tag_keys: 'nothing-has-this' } } })).error).toContain(
      "couldn't find security groups for filter: ",
    );
    expect(env.journal.entries()).toEqual([]);
    await alice.call('DeleteSecurityGroup', { SecurityGroupId: id });
  });
});
