import { createDataStore, createVmRuntime, type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempFiles } from '../cli-test-helpers';
import { accountInventory, cloudEnv, nothingLeft, runOscPacker, temporaryLeft } from './e2e-kit';
import { builtImageId, writeBsuTemplate } from './e2e-templates';

const files = tempFiles({});
let cloud: LocalCloud;
// Snapshots of the volumes of this account fail: its OMIs end up `failed`.
const failingAccount = 1;

beforeAll(async () => {
  const store = createDataStore();
  const failing = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'snapshotVolume') {
        return async (snapshotId: string, volume: { id: string; sizeGiB: number }) => {
          const owner = cloud
            .inventory()
            .accounts.findIndex((account) => account.volumes.some((candidate) => candidate.volumeId === volume.id));
          if (owner === failingAccount) throw new Error('the disk under this volume failed (injected by the test)');
          return target.snapshotVolume(snapshotId, volume);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  cloud = await startLocalCloud({
    timing: 'fast',
    accounts: [{}, {}, {}, {}],
    machines: { store: failing, runtime: createVmRuntime({ store }) },
  });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  files.cleanup();
}, 60_000);

const provision = (...inline: string[]) => ({ provisioners: [{ type: 'shell', inline }] });

describe('osc-packer build (built binary): failures leave nothing behind', { timeout: 180_000 }, () => {
  it.concurrent('a failing provisioner: exit 1, Packer’s messages, -machine-readable records', async ({ expect }) => {
    const t = writeBsuTemplate(files.dir, 'broken', {}, provision('echo about to fail', 'exit 3'));
    const build = await runOscPacker(['build', '-machine-readable', t.path], { cwd: t.dir, env: cloudEnv(cloud, 0) });
    expect(build.code).toBe(1);
    expect(build.stderr).toBe('');
    const records = build.stdout.trimEnd().split('\n');
    for (const record of records) expect(record).toMatch(/^\d{10},[^,]*,[a-z-]+(,|$)/);
    expect(build.stdout).toContain(',,ui,message,    broken: about to fail\n');
    expect(build.stdout).toMatch(/,,ui,error,==> broken: Script exited with non-zero exit status: 3/);
    expect(build.stdout).toContain(',,error-count,1\n');
    expect(build.stdout).toMatch(/,broken,error,.*exit status: 3/);
    await expect.poll(() => temporaryLeft(cloud, 0)).toEqual(nothingLeft);
    expect(accountInventory(cloud, 0).images).toEqual([]);
  });

  it.concurrent('an OMI that fails: exit 1, the failed OMI and every temporary resource removed', async ({
    expect,
  }) => {
    const t = writeBsuTemplate(files.dir, 'failed-omi', {}, provision('echo ok'));
    const build = await runOscPacker(['build', t.path], { cwd: t.dir, env: cloudEnv(cloud, failingAccount) });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/failed-omi: .*failed/);
    await expect.poll(() => temporaryLeft(cloud, failingAccount)).toEqual(nothingLeft);
    await expect.poll(() => accountInventory(cloud, failingAccount).images).toEqual([]);
    await expect.poll(() => accountInventory(cloud, failingAccount).snapshots).toEqual([]);
  });

  it.concurrent('throttling and 5xx answers during the build and its cleanup are ridden out', async ({ expect }) => {
    const account = cloud.accounts[2]?.accountId;
    for (const rule of [
      { operation: 'Read*', action: 'throttle', scope: 'account', times: 4 },
      { operation: 'CreateVms', action: 'server-error', status: 503, times: 1 },
      { operation: 'CreateKeypair', action: 'reset', phase: 'after', times: 1 },
      { resource: 'securityGroup', action: 'throttle', scope: 'platform', times: 2 },
      { operation: 'DeleteSecurityGroup', action: 'server-error', status: 500, times: 2 },
      { operation: 'CreateImage', action: 'server-error', status: 502, times: 1 },
    ] as const) {
      cloud.faults.add({ ...rule, account });
    }
    const t = writeBsuTemplate(files.dir, 'bumpy', {}, provision('echo through the storm'));
    const build = await runOscPacker(['build', t.path], { cwd: t.dir, env: cloudEnv(cloud, 2) });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toContain('bumpy: through the storm');
    const imageId = builtImageId(build.stdout);
    expect(accountInventory(cloud, 2).images.map((image) => image.imageId)).toEqual([imageId]);
    await expect.poll(() => temporaryLeft(cloud, 2)).toEqual(nothingLeft);
    const fired = cloud.faults.list().filter((fault) => fault.rule.account === account);
    expect(fired.every((fault) => fault.fired > 0)).toBe(true);
  });

  it.concurrent('5xx answers that do not stop: the build fails after its retries and cleans up', async ({ expect }) => {
    const account = cloud.accounts[3]?.accountId;
    cloud.faults.add({ operation: 'CreateImage', action: 'server-error', status: 500, account });
    const t = writeBsuTemplate(files.dir, 'down', {}, provision('echo ok'));
    const build = await runOscPacker(['build', t.path], { cwd: t.dir, env: cloudEnv(cloud, 3) });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/down: .*(500|InternalError)/);
    await expect.poll(() => temporaryLeft(cloud, 3)).toEqual(nothingLeft);
    expect(accountInventory(cloud, 3).images).toEqual([]);
  });
});
