import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import type { OapiClient } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bsuBlock, expectNothingLeft, runTestBuild } from './test/bsu-test-kit';
import { clientOf, runOnImage } from './test/launch-image';

let cloud: LocalCloud;
let alice: OapiClient;
let bob: OapiClient;
let charlie: OapiClient;
beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'instant', accounts: [{}, {}, {}] });
  alice = clientOf(cloud, 0);
  bob = clientOf(cloud, 1);
  charlie = clientOf(cloud, 2);
}, 60_000);
afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await charlie?.close();
  await cloud?.close();
}, 60_000);

const expectNothingTemporaryLeft = (accountIndex = 0) =>
  expectNothingLeft(cloud, accountIndex, ['vms', 'keypairs', 'securityGroups', 'publicIps', 'volumes']);

const tagMap = (tags: readonly { Key: string; Value: string }[] = []) =>
  Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));

describe.concurrent('osc-bsu builds against local-cloud with real VMs', () => {
  it('makes a tagged, shared OMI that, launched again, holds what the provisioners wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-bsu-files-'));
    writeFileSync(join(dir, 'hello.txt'), 'hello from a file provisioner\n');
    const bobId = cloud.accounts[1]?.accountId ?? '';
    const result = await runTestBuild({
      cloud,
      cwd: dir,
      raw: bsuBlock(cloud, {
        associate_public_ip_address: true,
        tags: { Base: '{{ .SourceOMIName }}', Region: '{{ .BuildRegion }}' },
        snapshot_tags: { Kind: 'snapshot of {{ .SourceOMI }}' },
        run_tags: { Source: '{{ .SourceOMI }}' },
        run_volume_tags: { Build: 'volume of {{ .SourceOMIName }}' },
        omi_description: 'from {{ .SourceOMIName }} owned by {{ .SourceOMIOwnerName }}',
        omi_account_ids: [bobId],
        launch_block_device_mappings: [{ device_name: '/dev/sdb', volume_size: 1, delete_on_vm_deletion: false }],
      }),
      provisioners: [
        {
          type: 'shell',
          config: {
            inline: [
              'echo "built from {{ build `SourceOMIName` }} in {{ build `BuildRegion` }}" | sudo tee /etc/osc-built',
            ],
          },
        },
        { type: 'file', config: { source: 'hello.txt', destination: '/tmp/hello.txt' } },
        { type: 'shell', config: { inline: ['sudo mv /tmp/hello.txt /opt/hello.txt'] } },
      ],
    });
    expect(result.error).toBeUndefined();
    const artifact = result.artifact;
    expect(artifact?.id).toMatch(/^eu-west-2:ami-[0-9a-f]{8}$/);
    const imageId = artifact?.id.split(':')[1] ?? '';
    expect(artifact?.toString()).toBe(`OMIs were created:\neu-west-2: ${imageId}\n`);
    expect(artifact?.state('atlas.artifact.metadata')).toEqual({ 'region.eu-west-2': imageId });
    expect(artifact?.state('par.artifact.metadata')).toEqual([
      expect.objectContaining({ ImageID: imageId, ProviderRegion: 'eu-west-2', SourceImageID: cloud.catalogImageId }),
    ]);
    expect(artifact?.state('generated_data')).toMatchObject({
      SourceOMIName: 'Debian-12-2026.11.01-0',
      BuildRegion: 'eu-west-2',
    });
    expect(JSON.stringify(artifact?.state('generated_data'))).not.toContain('PRIVATE KEY');
    expect(result.stdout).toContain('built from Debian-12-2026.11.01-0 in eu-west-2');
    expect(result.stdout).toContain(
      `Using Region eu-west-2 from template (region); endpoint ${cloud.endpoint}/ from template (custom_endpoint_oapi); credentials from template`,
    );
    await expectNothingTemporaryLeft();

    const [image] = await alice.readAll('ReadImages', { Filters: { ImageIds: [imageId] } });
    expect(image?.Description).toBe('from Debian-12-2026.11.01-0 owned by Outscale');
    expect(tagMap(image?.Tags)).toEqual({ Base: 'Debian-12-2026.11.01-0', Region: 'eu-west-2' });
    expect(image?.PermissionsToLaunch?.AccountIds).toEqual([bobId]);
    const snapshotIds = (image?.BlockDeviceMappings ?? []).map((mapping) => mapping.Bsu?.SnapshotId ?? '');
    expect(snapshotIds).toHaveLength(2);
    const snapshots = await alice.readAll('ReadSnapshots', { Filters: { SnapshotIds: snapshotIds } });
    for (const snapshot of snapshots) {
      expect(tagMap(snapshot.Tags)).toEqual({
        Base: 'Debian-12-2026.11.01-0',
        Region: 'eu-west-2',
        Kind: `snapshot of ${cloud.catalogImageId}`,
      });
      expect(snapshot.PermissionsToCreateVolume?.AccountIds).toEqual([bobId]);
    }
    // The second account launches the shared OMI: the provisioners' work is in it.
    const seen = await runOnImage(cloud, bob, imageId, 'cat /etc/osc-built /opt/hello.txt');
    expect(seen).toBe('built from Debian-12-2026.11.01-0 in eu-west-2\nhello from a file provisioner\n');
    await expectNothingTemporaryLeft(1);
    await artifact?.destroy();
    await expectNothingLeft(cloud, 0, ['images', 'snapshots']);
  }, 120_000);

  it('-force replaces the OMI of that name in its own account only', async () => {
    const name = `forced-${Date.now()}`;
    const copy = async (client: OapiClient) =>
      (
        await client.call('CreateImage', {
          SourceImageId: cloud.catalogImageId,
          SourceRegionName: cloud.region,
          ImageName: name,
        })
      ).Image?.ImageId ?? '';
    const bobs = await copy(bob);
    await bob.call('UpdateImage', { ImageId: bobs, PermissionsToLaunch: { Additions: { GlobalPermission: true } } });
    const old = await copy(charlie);
    const result = await runTestBuild({
      cloud,
      force: true,
      raw: bsuBlock(cloud, { omi_name: name, communicator: 'none' }, 2),
    });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toContain(`Deregistered OMI id: ${old}`);
    const images = await charlie.readAll('ReadImages', { Filters: { ImageNames: [name] } });
    expect(images.map((image) => image.ImageId).sort()).toEqual([bobs, result.artifact?.id.split(':')[1]].sort());
    await result.artifact?.destroy();
    await bob.call('DeleteImage', { ImageId: bobs });
    await expectNothingTemporaryLeft(2);
  }, 120_000);
});
