import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempFiles } from '../cli-test-helpers';
import { accountInventory, cloudEnv, nothingLeft, runOscPacker, spawnOscPacker, temporaryLeft } from './e2e-kit';
import { writeBsuTemplate } from './e2e-templates';

// Ctrl-C when the build says it starts each step (the API call it announces may be in flight or done).
const steps: readonly [string, RegExp][] = [
  ['check auth', /Checking OUTSCALE API credentials/],
  ['key pair', /Creating temporary key pair/],
  ['security group', /Creating temporary security group/],
  ['launch', /Launching a source OUTSCALE vm/],
  ['wait for the VM', /Waiting for vm \(i-\w+\) to become ready/],
  ['connect', /Waiting for SSH to become available/],
  ['provision', /provisioning started/],
  ['stop', /Stopping the source vm/],
  ['create the OMI', /Creating OMI /],
  ['wait for the OMI', /Waiting for OMI to become ready/],
  ['tag', /Adding tags to OMI/],
];
const killed = steps.length;
const forced = steps.length + 1;
const templateKeys = steps.length + 2;

const files = tempFiles({});
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'fast', accounts: Array.from({ length: steps.length + 3 }, () => ({})) });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  files.cleanup();
}, 60_000);

const template = (name: string) =>
  writeBsuTemplate(
    files.dir,
    name,
    { tags: { Name: name } },
    { provisioners: [{ type: 'shell', inline: ['echo provisioning started', 'sleep 2', 'echo provisioning done'] }] },
  );

describe('osc-packer build (built binary): interrupted builds leave nothing behind', { timeout: 180_000 }, () => {
  it.concurrent.for(steps.map(([step, pattern], index) => ({ step, pattern, index })))(
    'Ctrl-C during $step: the build cancels, cleans up and exits 1',
    async ({ step, pattern, index }, { expect }) => {
      const t = template(`ctrl-c-${index}`);
      const build = spawnOscPacker(['build', t.path], { cwd: t.dir, env: cloudEnv(cloud, index) });
      await build.waitFor(pattern);
      // The build's next API call takes 3 s, so that it cannot end before the Ctrl-C lands (after the last
      // steps it has only half a second of cleanup left, and this process also serves the cloud to a dozen builds).
      const account = cloud.accounts[index]?.accountId;
      cloud.faults.add({ operation: '*', action: 'latency', ms: 3000, times: 1, account });
      build.child.kill('SIGINT');
      expect(await build.exited, `${step}\n${build.stdout()}\n${build.stderr()}`).toBe(1);
      expect(build.stderr()).toContain('Cancelling build after receiving interrupt');
      expect(build.stdout()).toContain('Cleanly cancelled builds after being interrupted.');
      await expect.poll(() => temporaryLeft(cloud, index)).toEqual(nothingLeft);
      await expect.poll(() => accountInventory(cloud, index).images).toEqual([]);
      await expect.poll(() => accountInventory(cloud, index).snapshots).toEqual([]);
    },
  );

  it.concurrent('a build killed with SIGKILL is cleaned up by osc-packer cleanup (--dry-run changes nothing)', async ({
    expect,
  }) => {
    const t = template('killed');
    const journal = join(t.dir, 'journal');
    const env = { ...cloudEnv(cloud, killed), OSC_PACKER_JOURNAL_DIR: journal };
    const build = spawnOscPacker(['build', t.path], { cwd: t.dir, env });
    await build.waitFor(/provisioning started/);
    build.child.kill('SIGKILL');
    expect(await build.exited).toBe('SIGKILL');
    const left = temporaryLeft(cloud, killed);
    expect(left.vms).toHaveLength(1);
    expect(left.keypairs).toHaveLength(1);
    expect(left.securityGroups).toHaveLength(1);

    const dryRun = await runOscPacker(['cleanup', '--dry-run'], { cwd: t.dir, env });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain(`Would delete vm ${left.vms[0]?.vmId}`);
    expect(dryRun.stdout).toContain(`Would delete keypair ${left.keypairs[0]?.keypairId}`);
    expect(dryRun.stdout).toMatch(/Dry run: \d+ resource\(s\) would be deleted; nothing was changed\./);
    expect(temporaryLeft(cloud, killed)).toEqual(left);

    const cleanup = await runOscPacker(['cleanup'], { cwd: t.dir, env });
    expect(cleanup.code, `${cleanup.stdout}\n${cleanup.stderr}`).toBe(0);
    expect(cleanup.stdout).toContain(`Deleting vm ${left.vms[0]?.vmId}`);
    expect(cleanup.stdout).toMatch(/Deleted (\d+) of \1 resource\(s\)\./);
    await expect.poll(() => temporaryLeft(cloud, killed)).toEqual(nothingLeft);
    expect(readdirSync(journal)).toEqual([]);
    for (const output of [dryRun.stdout, dryRun.stderr, cleanup.stdout, cleanup.stderr]) {
      expect(output).not.toContain(cloud.accounts[killed]?.secretKey);
    }
    const again = await runOscPacker(['cleanup'], { cwd: t.dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to clean up.');
  });

  it.concurrent('a second Ctrl-C forces exit, says how to clean up, and osc-packer cleanup finishes the job', async ({
    expect,
  }) => {
    const t = template('forced');
    const env = { ...cloudEnv(cloud, forced), OSC_PACKER_JOURNAL_DIR: join(t.dir, 'journal') };
    const build = spawnOscPacker(['build', t.path], { cwd: t.dir, env });
    await build.waitFor(/provisioning started/);
    // From here every API call of this build takes 5 s, so its cleanup is surely still running when the second
    // Ctrl-C comes (it takes only about half a second otherwise: the test, whose process also serves the cloud
    // to a dozen builds, could see the first line of the cleanup too late to interrupt it).
    const account = cloud.accounts[forced]?.accountId;
    const slow = cloud.faults.add({ operation: '*', action: 'latency', ms: 5000, account });
    build.child.kill('SIGINT');
    await build.waitFor(/Cleaning up after cancellation/);
    build.child.kill('SIGINT');
    expect(await build.exited).toBe(1);
    cloud.faults.remove(slow);
    expect(build.stderr()).toContain('Forced exit after a second interrupt: not waiting for the remaining cleanups.');
    expect(build.stdout()).not.toContain('Cleanly cancelled');
    expect(build.stderr()).toMatch(/forced exit skipped the cleanup of '.+'/);
    expect(build.stderr()).toContain(
      `The resource journal (${join(t.dir, 'journal')}) lists what is left: run 'osc-packer cleanup'`,
    );
    const cleanup = await runOscPacker(['cleanup'], { cwd: t.dir, env });
    expect(cleanup.code, `${cleanup.stdout}\n${cleanup.stderr}`).toBe(0);
    await expect.poll(() => temporaryLeft(cloud, forced)).toEqual(nothingLeft);
  });

  it.concurrent('Ctrl-C with --local-cloud cleans up and stops the embedded cloud', async ({ expect }) => {
    const t = template('embedded');
    const build = spawnOscPacker(['build', '--local-cloud', t.path], { cwd: t.dir });
    await build.waitFor(/provisioning started/);
    build.child.kill('SIGINT');
    expect(await build.exited).toBe(1);
    expect(build.stdout()).toContain('Terminating the source OUTSCALE vm');
    expect(build.stdout()).toContain('Cleanly cancelled builds after being interrupted.');
    expect(build.stdout()).toContain('==> local-cloud: stopped');
  });

  it.concurrent('cleanup TEMPLATE finds the credentials of a killed build in its template', async ({ expect }) => {
    const account = cloud.accounts[templateKeys];
    const keys = {
      access_key: account?.accessKey,
      secret_key: account?.secretKey,
      custom_endpoint_oapi: cloud.endpoint,
    };
    const t = writeBsuTemplate(files.dir, 'keyed', keys, {
      provisioners: [{ type: 'shell', inline: ['echo provisioning started', 'sleep 30'] }],
    });
    const env = { OSC_PACKER_JOURNAL_DIR: join(t.dir, 'journal') };
    const build = spawnOscPacker(['build', t.path], { cwd: t.dir, env });
    await build.waitFor(/provisioning started/);
    build.child.kill('SIGKILL');
    await build.exited;
    expect(temporaryLeft(cloud, templateKeys).vms).toHaveLength(1);
    const without = await runOscPacker(['cleanup'], { cwd: t.dir, env });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('no credentials found');
    const cleanup = await runOscPacker(['cleanup', t.path], { cwd: t.dir, env });
    expect(cleanup.code, `${cleanup.stdout}\n${cleanup.stderr}`).toBe(0);
    expect(cleanup.stdout).toContain("credentials from template (build 'keyed')");
    expect(cleanup.stdout).not.toContain(account?.secretKey);
    await expect.poll(() => temporaryLeft(cloud, templateKeys)).toEqual(nothingLeft);
  });
});
