import { generateKeyPairSync } from 'node:crypto';
import { usedOperations } from '@osc-packer/oapi-client';
import { findOapiSpecPath, loadOapiSpec, type OapiSpec } from '@osc-packer/oapi-client/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Cloud } from '../engine/cloud';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { memoryMachines } from '../testing/memory-machines';
import { must, typedCaller } from '../testing/typed-call';
import { allOperations } from './all-operations';

const specPath = findOapiSpecPath();
const spec: OapiSpec | undefined = specPath ? loadOapiSpec(specPath) : undefined;

let cloud: LocalCloud;
const { call, answered } = typedCaller(
  () => cloud.endpoint,
  () => {
    const account = must(cloud.accounts[0], 'account');
    return { accessKey: account.accessKey, secretKey: account.secretKey, region: cloud.region };
  },
  spec,
);

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!accept(value)) throw new Error(`not yet: ${JSON.stringify(value).slice(0, 300)}`);
      return value;
    },
    { timeout: 5000, interval: 5 },
  );
}

const vmState = async (id: string) => (await call('ReadVms', { Filters: { VmIds: [id] } })).Vms?.[0]?.State;
const volumeOf = async (id: string) => must((await call('ReadVolumes', { Filters: { VolumeIds: [id] } })).Volumes?.[0]);

beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'instant', machines: memoryMachines() });
});
afterAll(() => cloud.close());

describe.skipIf(!spec)('every operation against the Outscale API description (needs ../shared)', () => {
  it('accepts exactly the request parameters the spec defines, and signs as the spec says', () => {
    for (const definition of allOperations({} as Cloud)) {
      const operation = spec?.operations[definition.name];
      expect(operation, definition.name).toBeDefined();
      const request = operation ? spec?.schemas[operation.request] : undefined;
      const parameters = Object.keys(request?.properties ?? {}).filter((name) => name !== 'DryRun');
      expect([...definition.parameters].sort(), definition.name).toEqual(parameters.sort());
      expect(definition.signed, definition.name).toBe(operation?.authenticated);
    }
  });

  it('answers a whole lifecycle with bodies the spec accepts', async () => {
    const subregion = `${cloud.region}a`;
    const other = must(cloud.accounts[1], 'second account');
    expect((await call('ReadSubregions', {})).Subregions).toHaveLength(2);
    await call('ReadAccounts', {});

    const generated = must((await call('CreateKeypair', { KeypairName: 'build-key' })).Keypair);
    expect(generated.PrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const { publicKey } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const imported = must(
      (await call('CreateKeypair', { KeypairName: 'imported', PublicKey: Buffer.from(publicKey).toString('base64') }))
        .Keypair,
    );
    expect(imported).toMatchObject({ KeypairType: 'ssh-ed25519' });
    expect(imported.PrivateKey).toBeUndefined();
    await call('CreateKeypair', { KeypairName: 'build-key' }, 409);
    expect((await call('ReadKeypairs', { Filters: { KeypairNames: ['build-*'] } })).Keypairs).toHaveLength(1);

    const netId = must((await call('CreateNet', { IpRange: '10.0.0.0/16' })).Net?.NetId);
    const subnetId = must(
      (await call('CreateSubnet', { NetId: netId, IpRange: '10.0.1.0/24', SubregionName: subregion })).Subnet?.SubnetId,
    );
    expect((await call('ReadNets', { Filters: { NetIds: [netId] } })).Nets).toHaveLength(1);
    expect((await call('ReadSubnets', { Filters: { NetIds: [netId] } })).Subnets?.[0]?.AvailableIpsCount).toBe(251);

    const groupId = must(
      (await call('CreateSecurityGroup', { SecurityGroupName: 'build-sg', Description: 'temporary' })).SecurityGroup
        ?.SecurityGroupId,
    );
    const rule = {
      Flow: 'Inbound',
      SecurityGroupId: groupId,
      IpProtocol: 'tcp',
      FromPortRange: 22,
      ToPortRange: 22,
      IpRange: '0.0.0.0/0',
    };
    expect((await call('CreateSecurityGroupRule', rule)).SecurityGroup?.InboundRules).toHaveLength(1);
    await call('CreateSecurityGroupRule', rule, 409);
    const http = { ...rule, FromPortRange: 80, ToPortRange: 80 };
    await call('CreateSecurityGroupRule', http);
    expect((await call('DeleteSecurityGroupRule', http)).SecurityGroup?.InboundRules).toHaveLength(1);
    expect(
      (await call('ReadSecurityGroups', { Filters: { SecurityGroupNames: ['build-*'] } })).SecurityGroups,
    ).toHaveLength(1);

    const debian = must(
      (await call('ReadImages', { Filters: { ImageNames: ['Debian-12-*'], AccountAliases: ['Outscale'] } })).Images,
    );
    expect(debian).toEqual([
      expect.objectContaining({ RootDeviceType: 'bsu', RootDeviceName: '/dev/sda1', State: 'available' }),
    ]);
    const launch = {
      ImageId: must(debian[0]?.ImageId),
      KeypairName: 'build-key',
      SecurityGroupIds: [groupId],
      VmType: 'tinav5.c1r1p2',
      UserData: Buffer.from('#!/bin/sh\necho hello\n').toString('base64'),
      BlockDeviceMappings: [
        { DeviceName: '/dev/sdb', Bsu: { VolumeSize: 2, VolumeType: 'gp2', DeleteOnVmDeletion: true } },
      ],
      ClientToken: 'build-1',
    };
    const vm = must((await call('CreateVms', launch)).Vms?.[0]);
    const vmId = must(vm.VmId);
    expect(vm.State).toBe('pending');
    expect((await call('CreateVms', launch)).Vms?.[0]?.VmId).toBe(vmId);
    await until(
      () => vmState(vmId),
      (state) => state === 'running',
    );
    expect((await call('ReadVmsState', {})).VmStates).toEqual([
      expect.objectContaining({ VmId: vmId, VmState: 'running' }),
    ]);
    await call('UpdateVm', { VmId: vmId, VmInitiatedShutdownBehavior: 'terminate', DeletionProtection: false });
    await call('UpdateVm', { VmId: vmId, VmType: 't2.medium' }, 409);
    const console = must((await call('ReadConsoleOutput', { VmId: vmId })).ConsoleOutput);
    expect(Buffer.from(console, 'base64').toString()).toContain(vmId);
    expect((await call('ReadAdminPassword', { VmId: vmId })).AdminPassword).toBe('');

    const ip = must((await call('CreatePublicIp', {})).PublicIp);
    const linkId = must((await call('LinkPublicIp', { PublicIpId: ip.PublicIpId, VmId: vmId })).LinkPublicIpId);
    expect((await call('ReadPublicIps', { Filters: { VmIds: [vmId] } })).PublicIps).toEqual([
      expect.objectContaining({ LinkPublicIpId: linkId }),
    ]);
    expect((await call('ReadVms', { Filters: { PublicIps: [must(ip.PublicIp)] } })).Vms).toHaveLength(1);
    await call('UnlinkPublicIp', { LinkPublicIpId: linkId });
    await call('DeletePublicIp', { PublicIpId: ip.PublicIpId });

    const volumeId = must(
      (await call('CreateVolume', { SubregionName: subregion, Size: 4, VolumeType: 'io1', Iops: 200 })).Volume
        ?.VolumeId,
    );
    await until(
      () => volumeOf(volumeId),
      (volume) => volume.State === 'available',
    );
    await call('LinkVolume', { VolumeId: volumeId, VmId: vmId, DeviceName: '/dev/sdc' });
    await until(
      () => call('ReadVolumes', { Filters: { LinkVolumeVmIds: [vmId], LinkVolumeLinkStates: ['attached'] } }),
      (answer) => answer.Volumes?.length === 3,
    );
    await call('DeleteVolume', { VolumeId: volumeId }, 409);
    const snapshotId = must(
      (await call('CreateSnapshot', { VolumeId: volumeId, Description: 'data' })).Snapshot?.SnapshotId,
    );
    await until(
      () => call('ReadSnapshots', { Filters: { SnapshotIds: [snapshotId] } }),
      (answer) => answer.Snapshots?.[0]?.State === 'completed' && answer.Snapshots[0].Progress === 100,
    );
    await call('UpdateSnapshot', {
      SnapshotId: snapshotId,
      PermissionsToCreateVolume: { Additions: { AccountIds: [other.accountId] } },
    });
    await call('UnlinkVolume', { VolumeId: volumeId });
    await until(
      () => volumeOf(volumeId),
      (volume) => volume.State === 'available',
    );
    await call('DeleteVolume', { VolumeId: volumeId });

    await call('StopVms', { VmIds: [vmId] });
    await until(
      () => vmState(vmId),
      (state) => state === 'stopped',
    );
    const image = must(
      (await call('CreateImage', { VmId: vmId, ImageName: 'built-image', Description: 'from the VM' })).Image,
    );
    const imageId = must(image.ImageId);
    await until(
      () => call('ReadImages', { Filters: { ImageIds: [imageId] } }),
      (answer) => answer.Images?.[0]?.State === 'available',
    );
    await call('CreateImage', { VmId: vmId, ImageName: 'built-image' }, 409);
    await call('UpdateImage', { ImageId: imageId, PermissionsToLaunch: { Additions: { GlobalPermission: true } } });
    const taskId = must(
      (
        await call('CreateImageExportTask', {
          ImageId: imageId,
          OsuExport: { DiskImageFormat: 'qcow2', OsuBucket: 'exports' },
        })
      ).ImageExportTask?.TaskId,
    );
    const exported = await until(
      () => call('ReadImageExportTasks', { Filters: { TaskIds: [taskId] } }),
      (answer) => answer.ImageExportTasks?.[0]?.State === 'completed',
    );
    const manifest = must(exported.ImageExportTasks?.[0]?.OsuExport?.OsuManifestUrl);
    const fromManifest = must(
      (await call('CreateImage', { FileLocation: manifest, ImageName: 'imported-image' })).Image,
    );
    const copy = must(
      (await call('CreateImage', { SourceImageId: imageId, SourceRegionName: cloud.region, ImageName: 'copied-image' }))
        .Image,
    );
    const rootSnapshot = must(image.BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sda1')?.Bsu?.SnapshotId);
    const registered = must(
      (
        await call('CreateImage', {
          ImageName: 'registered',
          RootDeviceName: '/dev/sda1',
          BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Bsu: { SnapshotId: rootSnapshot } }],
        })
      ).Image,
    );
    await call('DeleteSnapshot', { SnapshotId: rootSnapshot }, 424);

    await call('CreateTags', { ResourceIds: [vmId, imageId], Tags: [{ Key: 'build', Value: 'one' }] });
    expect((await call('ReadTags', { Filters: { Keys: ['build'] } })).Tags).toHaveLength(2);
    expect((await call('ReadVms', { Filters: { Tags: ['build=one'] } })).Vms).toHaveLength(1);
    await call('DeleteTags', { ResourceIds: [vmId], Tags: [{ Key: 'build' }] });
    await call('CreateTags', { ResourceIds: ['i-00000000'], Tags: [{ Key: 'a', Value: 'b' }] }, 400);

    await call('StartVms', { VmIds: [vmId] });
    await until(
      () => vmState(vmId),
      (state) => state === 'running',
    );
    await call('DeleteSecurityGroup', { SecurityGroupId: groupId }, 424);
    expect((await call('DeleteVms', { VmIds: [vmId] })).Vms).toEqual([
      { VmId: vmId, PreviousState: 'running', CurrentState: 'shutting-down' },
    ]);
    await until(
      () => vmState(vmId),
      (state) => state === 'terminated',
    );
    for (const id of [imageId, fromManifest.ImageId, copy.ImageId, registered.ImageId])
      await call('DeleteImage', { ImageId: id });
    await call('DeleteSnapshot', { SnapshotId: snapshotId });
    await call('DeleteKeypair', { KeypairName: 'build-key' });
    await call('DeleteKeypair', { KeypairName: 'imported' });
    await call('DeleteSecurityGroup', { SecurityGroupId: groupId });
    await call('DeleteSubnet', { SubnetId: subnetId });
    await call('DeleteNet', { NetId: netId });
    await call('ReadVmTypes', {});
    await call('ReadRegions', {});
    await call('ReadVms', { Filters: { VmIds: 'not-a-list' } }, 400);
  }, 60_000);

  it('has answered every operation the project uses', () => {
    expect([...usedOperations].filter((name) => !answered.has(name))).toEqual([]);
  });
});
