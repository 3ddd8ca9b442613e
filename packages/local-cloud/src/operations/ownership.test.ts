import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, testPublicKey, until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

let t: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.cloud.close());

async function aliceImage(name: string) {
  const { alice, cloud } = t;
  const vmId = must((await alice('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
  await until(
    () => alice('ReadVms', { Filters: { VmIds: [vmId] } }),
    (a) => a.Vms?.[0]?.State === 'running',
  );
  const imageId = must((await alice('CreateImage', { VmId: vmId, ImageName: name, NoReboot: true })).Image?.ImageId);
  await until(
    () => alice('ReadImages', { Filters: { ImageIds: [imageId] } }),
    (a) => a.Images?.[0]?.State === 'available',
  );
  return { vmId, imageId };
}

describe('ownership and sharing between two accounts', () => {
  it('keeps each account to its own resources', async () => {
    const { alice, bob } = t;
    const { vmId } = await aliceImage('private-image');
    await alice('CreateKeypair', { KeypairName: 'same-name', PublicKey: testPublicKey() });
    await bob('CreateKeypair', { KeypairName: 'same-name', PublicKey: testPublicKey() });
    expect((await bob('ReadVms', { Filters: { VmIds: [vmId] } })).Vms).toEqual([]);
    expect((await bob('ReadVolumes', {})).Volumes).toEqual([]);
    expect((await bob('ReadImages', { Filters: { ImageNames: ['private-image'] } })).Images).toEqual([]);
    await bob('StopVms', { VmIds: [vmId] }, 400);
    await bob('CreateTags', { ResourceIds: [vmId], Tags: [{ Key: 'k', Value: 'v' }] }, 400);
    expect((await bob('ReadKeypairs', {})).Keypairs).toHaveLength(1);
  });

  it('shares an OMI by account and globally, and only its owner may change it', async () => {
    const { alice, bob, cloud } = t;
    const bobId = must(cloud.accounts[1]).accountId;
    const { imageId } = await aliceImage('shared-image');
    await alice('CreateTags', { ResourceIds: [imageId], Tags: [{ Key: 'owner-only', Value: 'yes' }] });
    await alice('UpdateImage', { ImageId: imageId, PermissionsToLaunch: { Additions: { AccountIds: [bobId] } } });
    const seen = must((await bob('ReadImages', { Filters: { ImageIds: [imageId] } })).Images?.[0]);
    expect(seen).toMatchObject({ AccountId: must(cloud.accounts[0]).accountId, AccountAlias: 'local-1', Tags: [] });
    expect((await alice('ReadImages', { Filters: { PermissionsToLaunchAccountIds: [bobId] } })).Images).toHaveLength(1);
    const bobVm = must((await bob('CreateVms', { ImageId: imageId })).Vms?.[0]);
    expect(bobVm.ImageId).toBe(imageId);
    await bob('UpdateImage', { ImageId: imageId, Description: 'mine now' }, 401);
    await bob('DeleteImage', { ImageId: imageId }, 401);
    await alice('UpdateImage', { ImageId: imageId, PermissionsToLaunch: { Removals: { AccountIds: [bobId] } } });
    expect((await bob('ReadImages', { Filters: { ImageIds: [imageId] } })).Images).toEqual([]);
    await bob('CreateVms', { ImageId: imageId }, 400);
    await alice('UpdateImage', { ImageId: imageId, PermissionsToLaunch: { Additions: { GlobalPermission: true } } });
    expect(
      (await bob('ReadImages', { Filters: { PermissionsToLaunchGlobalPermission: true, ImageIds: [imageId] } })).Images,
    ).toHaveLength(1);
  });

  it('shares snapshots for volume creation', async () => {
    const { alice, bob, cloud } = t;
    const bobId = must(cloud.accounts[1]).accountId;
    const volumeId = must(
      (await alice('CreateVolume', { SubregionName: `${cloud.region}a`, Size: 1 })).Volume?.VolumeId,
    );
    await until(
      () => alice('ReadVolumes', { Filters: { VolumeIds: [volumeId] } }),
      (a) => a.Volumes?.[0]?.State === 'available',
    );
    const snapshotId = must((await alice('CreateSnapshot', { VolumeId: volumeId })).Snapshot?.SnapshotId);
    await until(
      () => alice('ReadSnapshots', { Filters: { SnapshotIds: [snapshotId] } }),
      (a) => a.Snapshots?.[0]?.State === 'completed',
    );
    await bob('CreateVolume', { SubregionName: `${cloud.region}a`, SnapshotId: snapshotId }, 400);
    await alice('UpdateSnapshot', {
      SnapshotId: snapshotId,
      PermissionsToCreateVolume: { Additions: { AccountIds: [bobId] } },
    });
    const shared = must((await bob('ReadSnapshots', { Filters: { SnapshotIds: [snapshotId] } })).Snapshots?.[0]);
    expect(shared.PermissionsToCreateVolume).toEqual({ AccountIds: [], GlobalPermission: false });
    const volume = must(
      (await bob('CreateVolume', { SubregionName: `${cloud.region}a`, SnapshotId: snapshotId })).Volume,
    );
    expect(volume).toMatchObject({ SnapshotId: snapshotId, Size: 1 });
    await bob('DeleteSnapshot', { SnapshotId: snapshotId }, 400);
  });

  it('shows the public catalog, owned by the alias Outscale, to everyone', async () => {
    const { bob } = t;
    const images = must((await bob('ReadImages', { Filters: { AccountAliases: ['Outscale'] } })).Images);
    expect(images.map((i) => i.ImageName)).toEqual([expect.stringMatching(/^Debian-12/)]);
    expect(images[0]).toMatchObject({ PermissionsToLaunch: { GlobalPermission: true }, RootDeviceType: 'bsu' });
    expect((await bob('ReadSnapshots', { Filters: { AccountAliases: ['Outscale'] } })).Snapshots).toEqual([]);
  });
});
