import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest';
import { tempFiles } from '../cli-test-helpers';
import { accountInventory, cloudEnv, nothingLeft, runOscPacker, temporaryLeft } from './e2e-kit';

const token = 'tok-7f3a9c1e5b2d8a64';
const sshPassword = 'pw-Qx8vR2mN5tL9';
const files = tempFiles({ 'payload.txt': 'payload from the file provisioner\n' });
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'fast', accounts: [{}, {}, {}, {}, {}] });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  files.cleanup();
}, 60_000);

const debian = { filters: { 'image-name': 'Debian-12-*' }, owners: ['Outscale'], most_recent: true };

/** A template in its own directory; `builder` keys are added to a Debian 12 osc-bsu build. */
function template(name: string, builder: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  const dir = join(files.dir, name);
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(join(dir, 'payload.txt'), 'payload from the file provisioner\n');
  const body = {
    variables: { token, ...((rest.variables as object) ?? {}) },
    'sensitive-variables': ['token'],
    builders: [
      {
        type: 'osc-bsu',
        name,
        vm_type: 'tinav6.c1r1p2',
        source_omi_filter: debian,
        ssh_username: 'outscale',
        omi_name: `${name}-{{timestamp}}`,
        ...builder,
      },
    ],
    ...rest,
  };
  writeFileSync(join(dir, 'template.json'), JSON.stringify(body, null, 2));
  return { dir, path: join(dir, 'template.json') };
}

const imageOf = (stdout: string) => /--> \S+: OMIs were created:\s*eu-west-2: (ami-[0-9a-f]{8})/.exec(stdout)?.[1];

function expectNoSecret(expect: ExpectStatic, ...texts: string[]) {
  const secrets = [token, sshPassword, ...cloud.accounts.map((account) => account.secretKey)];
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/PRIVATE KEY/);
  }
}

describe('osc-packer build (built binary) against local-cloud', { timeout: 180_000 }, () => {
  it.concurrent('builds an image that, launched again, holds what the provisioners wrote; nothing else is left', async ({
    expect,
  }) => {
    const t = template(
      'full',
      {
        temporary_key_pair_name: 'e2e-full-{{uuid}}',
        ssh_password: sshPassword,
        tags: { Base: '{{ .SourceOMIName }}' },
      },
      {
        provisioners: [
          { type: 'file', source: 'payload.txt', destination: '/tmp/payload.txt' },
          {
            type: 'shell',
            environment_vars: ['TOKEN={{user `token`}}'],
            inline: [
              'sudo install -m 0644 /tmp/payload.txt /opt/payload.txt',
              'echo "built from {{build `SourceOMIName`}}" | sudo tee /etc/e2e-marker',
              'echo "the token is $TOKEN"',
            ],
          },
        ],
        'post-processors': [{ type: 'manifest', output: 'out/manifest.json' }],
      },
    );
    const log = join(t.dir, 'out', 'packer.log');
    const env = { ...cloudEnv(cloud, 0), PACKER_LOG: '1', PACKER_LOG_PATH: log };
    const build = await runOscPacker(['build', t.path], { cwd: t.dir, env });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('full: the token is <sensitive>');
    expect(build.stdout).toMatch(/credentials from environment \(OSC_ACCESS_KEY\/OSC_SECRET_KEY\)/);
    const imageId = imageOf(build.stdout);
    expect(imageId).toBeDefined();
    expect(accountInventory(cloud, 0).images.map((image) => image.imageId)).toEqual([imageId]);
    await expect.poll(() => temporaryLeft(cloud, 0)).toEqual(nothingLeft);
    const manifest = readFileSync(join(t.dir, 'out', 'manifest.json'), 'utf8');
    expect(JSON.parse(manifest).builds[0]).toMatchObject({ name: 'full', artifact_id: `eu-west-2:${imageId}` });
    expectNoSecret(expect, build.stdout, build.stderr, manifest, readFileSync(log, 'utf8'));
    expect(readFileSync(log, 'utf8')).toContain('[INFO] ui: ==> full: Checking OUTSCALE API credentials...');

    const check = template(
      'relaunch',
      { source_omi: imageId, source_omi_filter: undefined, skip_create_omi: true, omi_name: 'unused' },
      { provisioners: [{ type: 'shell', inline: ['cat /etc/e2e-marker /opt/payload.txt'] }] },
    );
    const relaunch = await runOscPacker(['build', check.path], { cwd: check.dir, env: cloudEnv(cloud, 0) });
    expect(relaunch.code).toBe(0);
    expect(relaunch.stdout).toContain('relaunch: built from Debian-12-');
    expect(relaunch.stdout).toContain('relaunch: payload from the file provisioner');
    await expect.poll(() => temporaryLeft(cloud, 0)).toEqual(nothingLeft);
  });

  it.concurrent('takes credentials from the template, the legacy OUTSCALE_* variables and a profile file', async ({
    expect,
  }) => {
    const [, fromTemplate, legacy, profile] = cloud.accounts;
    const quick = { provisioners: [{ type: 'shell', inline: ['echo provisioned as $(id -un)'] }] };
    const a = template('keys', { access_key: fromTemplate?.accessKey, secret_key: fromTemplate?.secretKey }, quick);
    const b = template('legacy', {}, quick);
    const c = template('profile', { profile: 'e2e' }, quick);
    const config = join(c.dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        e2e: {
          access_key: profile?.accessKey,
          secret_key: profile?.secretKey,
          region: cloud.region,
          endpoints: { api: cloud.endpoint },
        },
      }),
      { mode: 0o600 },
    );
    const [keys, old, named] = await Promise.all([
      runOscPacker(['build', a.path], {
        cwd: a.dir,
        env: { OSC_ENDPOINT_API: cloud.endpoint, OSC_REGION: cloud.region },
      }),
      runOscPacker(['build', b.path], {
        cwd: b.dir,
        env: {
          OUTSCALE_ACCESSKEYID: legacy?.accessKey,
          OUTSCALE_SECRETKEYID: legacy?.secretKey,
          OUTSCALE_REGION: cloud.region,
          OUTSCALE_OAPI_URL: cloud.endpoint,
        },
      }),
      runOscPacker(['build', c.path], { cwd: c.dir, env: { OSC_CONFIG_FILE: config } }),
    ]);
    for (const [index, result] of [keys, old, named].entries()) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('provisioned as ');
      expect(accountInventory(cloud, index + 1).images).toHaveLength(1);
      await expect.poll(() => temporaryLeft(cloud, index + 1)).toEqual(nothingLeft);
      expectNoSecret(expect, result.stdout, result.stderr);
    }
    expect(keys.stdout).toContain('credentials from template');
    expect(old.stdout).toContain('credentials from environment (OUTSCALE_ACCESSKEYID/OUTSCALE_SECRETKEYID)');
    for (const name of ['OUTSCALE_ACCESSKEYID', 'OUTSCALE_SECRETKEYID', 'OUTSCALE_REGION', 'OUTSCALE_OAPI_URL']) {
      expect(old.stderr).toMatch(new RegExp(`Warning: ${name} is deprecated; use OSC_\\w+ instead`));
    }
    expect(named.stdout).toMatch(/credentials from profile "e2e"/);
  });

  it.concurrent('an OMI name already taken stops the build before anything is created; -force replaces it', async ({
    expect,
  }) => {
    const t = template('taken', { omi_name: 'e2e-taken-name' }, {});
    const env = cloudEnv(cloud, 4);
    const first = await runOscPacker(['build', t.path], { cwd: t.dir, env });
    expect(first.code, first.stderr).toBe(0);
    const firstImage = imageOf(first.stdout);
    const again = await runOscPacker(['build', t.path], { cwd: t.dir, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/taken: .*e2e-taken-name/);
    expect(again.stdout).not.toContain('Launching a source OUTSCALE vm');
    const forced = await runOscPacker(['build', '-force', t.path], { cwd: t.dir, env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`Deregistered OMI id: ${firstImage}`);
    expect(accountInventory(cloud, 4).images.map((image) => image.imageId)).toEqual([imageOf(forced.stdout)]);
    await expect.poll(() => temporaryLeft(cloud, 4)).toEqual(nothingLeft);
  });
});
