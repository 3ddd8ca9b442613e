import { tmpdir } from 'node:os';
import { createInterpolationContext } from '@osc-packer/builder-core';
import type { LocalCloud } from '@osc-packer/local-cloud';
import type { OapiClient } from '@osc-packer/oapi-client';
import { describe, expect, it } from 'vitest';
import {
  clientOf,
  communicatorConfig,
  nothingLeft,
  runTestSteps,
  tagsOf,
  temporaryResourcesOf,
  testStepEnv,
  useTestCloud,
} from '../test/step-test-kit';
import { stepCleanupVolumes } from './step-cleanup-volumes';
import { stepCreateOmi } from './step-create-omi';
import { stepForceDeregister } from './step-force-deregister';
import { stepKeepArtifact } from './step-keep-artifact';
import { stepKeypair } from './step-keypair';
import { stepNetworkInfo } from './step-network-info';
import { stepPublicIp } from './step-public-ip';
import { stepRunSourceVm } from './step-run-source-vm';
import { stepSecurityGroup } from './step-security-group';
import { stepShareOmi } from './step-share-omi';
import { stepSourceOmi } from './step-source-omi';
import { stepStopVm } from './step-stop-vm';
import { stepTagOmi } from './step-tag-omi';

let cloud: LocalCloud;
let alice: OapiClient;
useTestCloud((started) => {
  ({ cloud, alice } = started);
});

const interpolation = createInterpolationContext({ cwd: tmpdir() });

describe('the OMI steps', () => {
  it("stop, create, share, tag and keep an OMI; force-deregister replaces only this account's OMI of that name", async () => {
    const bob = clientOf(cloud, 1);
    const bobId = cloud.accounts[1]?.accountId ?? '';
    const { Image: bobs } = await bob.call('CreateImage', {
      SourceImageId: cloud.catalogImageId,
      SourceRegionName: cloud.region,
      ImageName: 'omi-steps',
    });
    await bob.call('UpdateImage', {
      ImageId: bobs?.ImageId ?? '',
      PermissionsToLaunch: { Additions: { GlobalPermission: true } },
    });
    const none = communicatorConfig({ communicator: 'none' });
    const build = async (force: boolean) => {
      const env = await testStepEnv(alice);
      const omi = { omi_name: 'omi-steps', force_deregister: force, force_delete_snapshot: force };
      const { outcome, state } = await runTestSteps([
        stepSourceOmi(env, { source_omi: cloud.catalogImageId }),
        stepNetworkInfo(env, { associate_public_ip_address: false }),
        stepKeypair(env, none, { homedir: tmpdir(), workDir: tmpdir(), buildName: 'b', debug: false }),
        stepPublicIp(env, { associate_public_ip_address: false }),
        stepSecurityGroup(env, {}, { port: 22 }),
        stepCleanupVolumes(env),
        stepRunSourceVm(
          env,
          { vm_type: 'tinav5.c1r1p2', bsu_optimized: false, shutdown_behavior: 'stop' },
          { interpolation },
        ),
        stepStopVm(env, { disable_stop_vm: false }),
        stepForceDeregister(env, omi),
        stepCreateOmi(env, { ...omi, omi_description: 'built from {{ .SourceOMIName }}' }, { interpolation }),
        stepShareOmi(env, { accountIds: [bobId], globalPermission: false, snapshotAccountIds: [bobId] }),
        stepTagOmi(
          env,
          { tags: { Name: '{{ .SourceOMIName }}' }, snapshot_tags: { Name: 'snap', Kind: 'root' } },
          { interpolation },
        ),
        stepKeepArtifact(env),
      ]);
      return { outcome, state, env };
    };
    const first = await build(false);
    expect(first.outcome.status).toBe('completed');
    const imageId = first.state.omi?.ImageId ?? '';
    const [image] = await alice.readAll('ReadImages', { Filters: { ImageIds: [imageId] } });
    expect(image?.Description).toBe('built from Debian-12-2026.11.01-0');
    expect(tagsOf(image?.Tags)).toEqual({ Name: 'Debian-12-2026.11.01-0' });
    expect(image?.PermissionsToLaunch).toEqual({ AccountIds: [bobId], GlobalPermission: false });
    const snapshots = await alice.readAll('ReadSnapshots', { Filters: { SnapshotIds: first.state.snapshotIds ?? [] } });
    expect(snapshots.map((snapshot) => tagsOf(snapshot.Tags))).toEqual([{ Name: 'snap', Kind: 'root' }]);
    expect(snapshots[0]?.PermissionsToCreateVolume?.AccountIds).toEqual([bobId]);
    expect(
      first.env.journal
        .entries()
        .filter((entry) => entry.state === 'kept')
        .map((entry) => entry.id),
    ).toEqual([imageId, ...(first.state.snapshotIds ?? [])]);
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);

    const second = await build(true);
    expect(second.outcome.status).toBe('completed');
    const images = await alice.readAll('ReadImages', { Filters: { ImageNames: ['omi-steps'] } });
    expect(images.map((found) => found.ImageId).sort()).toEqual([bobs?.ImageId, second.state.omi?.ImageId].sort());
    expect(await alice.readAll('ReadSnapshots', { Filters: { SnapshotIds: first.state.snapshotIds ?? [] } })).toEqual(
      [],
    );
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
    await alice.call('DeleteImage', { ImageId: second.state.omi?.ImageId ?? '' });
    for (const id of second.state.snapshotIds ?? []) await alice.call('DeleteSnapshot', { SnapshotId: id });
    await bob.close();
  }, 60_000);
});
