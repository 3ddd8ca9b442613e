import { afterEach, describe, expect, it } from 'vitest';
import { findOapiSpecPath, loadOapiSpec } from '../test/load-oapi-spec';
import { validateRequest } from '../test/validate-oapi-body';
import { type MockApi, mockApi } from '../testing-support/mock-api';
import { waitForImageAvailable } from '../waiters/wait-for-image';
import { waitForSnapshotCompleted } from '../waiters/wait-for-snapshot';
import { waitForVmState } from '../waiters/wait-for-vm';
import { waitForVolumeLinked } from '../waiters/wait-for-volume';

const specPath = findOapiSpecPath(import.meta.dirname);
const ok = { ResponseContext: { RequestId: 'r' } };
const internalError = { Errors: [{ Code: '0', Type: 'InternalError', Details: '' }] };

let api: MockApi;
afterEach(async () => {
  await api.agent.close();
});

/** Every request body the client sent, checked against the Outscale API description. */
function expectAllValid(spec: ReturnType<typeof loadOapiSpec>) {
  expect(api.seen.length).toBeGreaterThan(0);
  for (const request of api.seen) {
    expect(validateRequest(spec, request.operation, request.body), `${request.operation} ${request.rawBody}`).toEqual(
      [],
    );
  }
}

describe.skipIf(specPath === undefined)('requests agree with the API description (needs ../shared/oapi)', () => {
  const spec = loadOapiSpec(specPath);

  it('what callers send, with the ClientToken and page tokens the client adds', async () => {
    api = mockApi();
    api.reply('CreateVms', 200, ok);
    await api.client.call('CreateVms', {
      ImageId: 'ami-12345678',
      VmType: 'tinav5.c2r4p2',
      KeypairName: 'packer_6564',
      SecurityGroupIds: ['sg-12345678'],
      SubnetId: 'subnet-12345678',
      BootOnCreation: true,
      UserData: Buffer.from('#cloud-config').toString('base64'),
      BlockDeviceMappings: [
        { DeviceName: '/dev/sda1', Bsu: { VolumeSize: 15, VolumeType: 'gp2', DeleteOnVmDeletion: true } },
      ],
    });
    api.reply('CreateImage', 200, ok);
    await api.client.call('CreateImage', {
      VmId: 'i-12345678',
      ImageName: 'golden-2026',
      NoReboot: true,
      Description: 'd',
    });
    api.reply('CreateTags', 200, ok);
    await api.client.call('CreateTags', { ResourceIds: ['ami-12345678'], Tags: [{ Key: 'build', Value: '1' }] });
    api.reply('ReadSnapshots', 200, { Snapshots: [], NextPageToken: 'dG9rZW4=' });
    api.reply('ReadSnapshots', 200, { Snapshots: [] });
    await api.client.readAll('ReadSnapshots', { Filters: { TagKeys: ['build'] } }, { resultsPerPage: 100 });
    api.reply('ReadVms', 200, ok);
    await api.client.call('ReadVms', { DryRun: true });
    expectAllValid(spec);
  });

  it('the lookups and clean-ups of idempotent retries', async () => {
    api = mockApi();
    api.reply('CreateSecurityGroup', 500, internalError);
    api.reply('ReadSecurityGroups', 200, {
      SecurityGroups: [{ SecurityGroupId: 'sg-1', SecurityGroupName: 'g', NetId: 'vpc-1' }],
    });
    await api.client.call('CreateSecurityGroup', { SecurityGroupName: 'g', Description: 'd', NetId: 'vpc-1' });
    api.reply('CreateImage', 500, internalError);
    api.reply('ReadAccounts', 200, { Accounts: [{ AccountId: '123456789012' }] });
    api.reply('ReadImages', 200, { Images: [{ ImageId: 'ami-1', ImageName: 'n', AccountId: '123456789012' }] });
    await api.client.call('CreateImage', { VmId: 'i-1', ImageName: 'n' });
    api.reply('CreateKeypair', 500, internalError);
    api.reply('DeleteKeypair', 200, ok);
    api.reply('CreateKeypair', 200, ok);
    await api.client.call('CreateKeypair', { KeypairName: 'k' });
    api.reply('CreateSecurityGroupRule', 500, internalError);
    api.reply('CreateSecurityGroupRule', 409, { Errors: [{ Code: '9000', Type: 'ResourceConflict', Details: '' }] });
    api.reply('ReadSecurityGroups', 200, { SecurityGroups: [{ SecurityGroupId: 'sg-1' }] });
    await api.client.call('CreateSecurityGroupRule', {
      SecurityGroupId: 'sg-1',
      Flow: 'Inbound',
      IpProtocol: 'tcp',
      FromPortRange: 22,
      ToPortRange: 22,
      IpRange: '10.0.0.0/8',
    });
    api.reply('LinkVolume', 500, internalError);
    api.reply('LinkVolume', 400, { Errors: [{ Code: '6007', Type: 'InvalidState', Details: '' }] });
    api.reply('ReadVolumes', 200, {
      Volumes: [{ VolumeId: 'vol-1', LinkedVolumes: [{ VmId: 'i-1', State: 'attaching' }] }],
    });
    await api.client.call('LinkVolume', { VolumeId: 'vol-1', VmId: 'i-1', DeviceName: '/dev/xvdb' });
    expectAllValid(spec);
  });

  it('the polls of the waiters', async () => {
    api = mockApi();
    const clock = api.clock;
    api.reply('ReadVms', 200, { Vms: [{ VmId: 'i-1', State: 'running' }] });
    await waitForVmState(api.client, 'i-1', 'running', clock);
    api.reply('ReadImages', 200, { Images: [{ ImageId: 'ami-1', State: 'available' }] });
    await waitForImageAvailable(api.client, 'ami-1', clock);
    api.reply('ReadSnapshots', 200, { Snapshots: [{ SnapshotId: 'snap-1', State: 'completed' }] });
    await waitForSnapshotCompleted(api.client, 'snap-1', clock);
    api.reply('ReadVolumes', 200, {
      Volumes: [{ VolumeId: 'vol-1', State: 'in-use', LinkedVolumes: [{ VmId: 'i-1', State: 'attached' }] }],
    });
    await waitForVolumeLinked(api.client, 'vol-1', { ...clock, vmId: 'i-1' });
    expectAllValid(spec);
  });
});
