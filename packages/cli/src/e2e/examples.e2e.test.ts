import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { createOapiClient } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempFiles } from '../cli-test-helpers';
import { accountInventory, cloudEnv, nothingLeft, runOscPacker, temporaryLeft } from './e2e-kit';
import { builtImageId } from './e2e-templates';

// The examples are copied so that their manifests land in a temporary directory, not in the checkout.
const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples');
const files = tempFiles({});
const copy = join(files.dir, 'examples');
cpSync(examplesDir, copy, { recursive: true });
const example = (name: string) => join(copy, name);
const templates = readdirSync(examplesDir).filter((name) => name.endsWith('.json') && !name.endsWith('.vars.json'));

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'instant', accounts: [{}, {}, {}] });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  files.cleanup();
}, 60_000);

describe('the examples (built binary)', { timeout: 180_000 }, () => {
  it.concurrent('all validate', async ({ expect }) => {
    expect(templates).toEqual(
      expect.arrayContaining(['quickstart.json', 'build-data-tags.json', 'block-devices.json', 'shared-image.json']),
    );
    const vars = ['-var-file', example('variables.vars.json'), '-var', 'share_with_account=123456789012'];
    const results = await Promise.all(
      templates.map((name) => runOscPacker(['validate', ...vars, example(name)], { cwd: copy })),
    );
    for (const [index, result] of results.entries()) {
      expect(result.code, `${templates[index]}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain('The configuration is valid.');
    }
  });

  it.concurrent('quickstart.json builds with --local-cloud, as npm run quickstart runs it', async ({ expect }) => {
    const build = await runOscPacker(['build', '--local-cloud', example('quickstart.json')], { cwd: files.dir });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(
      /==> local-cloud: started in this process: Outscale API on http:\/\/127\.0\.0\.1:\d+\/api\/v1/,
    );
    expect(build.stdout).toContain('osc-bsu: Hello from osc-packer: built by osc-packer on ');
    expect(build.stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(build.stdout).toMatch(/--> osc-bsu: OMIs were created:\neu-west-2: ami-[0-9a-f]{8}\n/);
    expect(build.stdout).toContain('==> local-cloud: stopped');
    const manifest = JSON.parse(readFileSync(example('output/quickstart-manifest.json'), 'utf8'));
    expect(manifest.builds[0]).toMatchObject({ name: 'osc-bsu', builder_type: 'osc-bsu' });
    // The embedded cloud's secret key (40 letters and digits) is never printed.
    expect(`${build.stdout}${build.stderr}`).not.toMatch(/\b[A-Za-z0-9]{40}\b/);
  });

  it.concurrent('build-data-tags.json and block-devices.json build with --local-cloud', async ({ expect }) => {
    const [tags, disks] = await Promise.all([
      runOscPacker(['build', '--local-cloud', '--local-cloud-timing', 'instant', example('build-data-tags.json')], {
        cwd: files.dir,
      }),
      runOscPacker(['build', '--local-cloud', '--local-cloud-timing', 'instant', example('block-devices.json')], {
        cwd: files.dir,
      }),
    ]);
    expect(tags.code, tags.stderr).toBe(0);
    expect(tags.stdout).toContain('outscale-bsu: Adding tag: "SourceOMIName": "Debian-12-');
    expect(tags.stdout).toContain('outscale-bsu: Adding tag: "BuildRegion": "eu-west-2"');
    expect(tags.stdout).toContain('outscale-bsu: built from Debian-12-');
    expect(disks.code, disks.stderr).toBe(0);
    expect(disks.stdout).toContain('osc-bsu: root volume of 12 GiB, data volume on /dev/xvdb');
  });

  it.concurrent('shared-image.json shares the OMI and its snapshots with another account', async ({ expect }) => {
    const other = cloud.accounts[1];
    const build = await runOscPacker(
      ['build', '-var', `share_with_account=${other?.accountId}`, example('shared-image.json')],
      { cwd: files.dir, env: cloudEnv(cloud, 0) },
    );
    expect(build.code, build.stderr).toBe(0);
    const imageId = builtImageId(build.stdout) ?? '';
    const clientOf = (index: number) =>
      createOapiClient({
        endpoint: cloud.endpoint,
        region: cloud.region,
        credentials: {
          accessKey: cloud.accounts[index]?.accessKey ?? '',
          secretKey: cloud.accounts[index]?.secretKey ?? '',
        },
      });
    const [owner, sharedWith] = [clientOf(0), clientOf(1)];
    try {
      const filter = { Filters: { ImageIds: [imageId] } };
      const [own] = (await owner.call('ReadImages', filter)).Images ?? [];
      expect(own?.PermissionsToLaunch).toEqual({ AccountIds: [other?.accountId], GlobalPermission: false });
      const [seen] = (await sharedWith.call('ReadImages', filter)).Images ?? [];
      expect(seen?.ImageId).toBe(imageId);
      const snapshotIds = (own?.BlockDeviceMappings ?? []).flatMap((mapping) => mapping.Bsu?.SnapshotId ?? []);
      const { Snapshots = [] } = await owner.call('ReadSnapshots', { Filters: { SnapshotIds: snapshotIds } });
      for (const snapshot of Snapshots) {
        expect(snapshot.PermissionsToCreateVolume?.AccountIds).toEqual([other?.accountId]);
      }
      expect(Snapshots).toHaveLength(snapshotIds.length);
    } finally {
      await owner.close();
      await sharedWith.close();
    }
    await expect.poll(() => temporaryLeft(cloud, 0)).toEqual(nothingLeft);
  });

  it.concurrent('variables.json takes a var file, -var and a sensitive variable it never prints', async ({
    expect,
  }) => {
    const token = 'app-token-5d1c0e9f';
    const build = await runOscPacker(
      ['build', '-var-file', example('variables.vars.json'), '-var', 'app_version=1.5.0', example('variables.json')],
      { cwd: files.dir, env: { ...cloudEnv(cloud, 2), APP_TOKEN: token } },
    );
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toContain('==> web: Prevalidating OMI name: web-1.5.0-');
    expect(build.stdout).toContain('web: token installed');
    expect(`${build.stdout}${build.stderr}`).not.toContain(token);
    expect(readFileSync(example('output/variables-manifest.json'), 'utf8')).not.toContain(token);
    expect(accountInventory(cloud, 2).images.map((image) => image.name)).toEqual([
      expect.stringMatching(/^web-1\.5\.0-\d+$/),
    ]);
  });
});
