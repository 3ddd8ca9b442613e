import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterpolationContext } from '@osc-packer/builder-core';
import { RecordingUi } from '@osc-packer/builder-core/test';
import type { LocalCloud } from '@osc-packer/local-cloud';
import type { OapiClient } from '@osc-packer/oapi-client';
import { describe, expect, it } from 'vitest';
import type { OscStepEnv } from '../steps/osc-step-env';
import { stepCreateOmi } from '../steps/step-create-omi';
import { stepKeypair } from '../steps/step-keypair';
import { stepNetworkInfo } from '../steps/step-network-info';
import { stepPublicIp } from '../steps/step-public-ip';
import { stepRunSourceVm } from '../steps/step-run-source-vm';
import { stepSecurityGroup } from '../steps/step-security-group';
import { stepSourceOmi } from '../steps/step-source-omi';
import { stepStopVm } from '../steps/step-stop-vm';
import {
  clientOf,
  communicatorConfig,
  inventoryOf,
  nothingLeft,
  runWithoutCleanup,
  temporaryResourcesOf,
  testStepEnv,
  testWaiter,
  useTestCloud,
} from '../test/step-test-kit';
import { cleanupLeftovers } from './cleanup-leftovers';
import { findLeftovers } from './find-leftovers';
import { journalDocumentSchema } from './journal-document';

let cloud: LocalCloud;
let alice: OapiClient;
const deadPid = 2_147_483_646;
const interpolation = createInterpolationContext({ cwd: tmpdir() });

useTestCloud((started) => {
  ({ cloud, alice } = started);
});

/** Runs a build's steps up to a pending OMI and "kills" it: no cleanup runs. */
async function killedBuild(journalDir: string, options: { image?: boolean } = {}) {
  const env = await testStepEnv(alice, { journalDir, pid: deadPid });
  const none = communicatorConfig({ ssh_password: 'x' });
  const withKey = communicatorConfig();
  const vm = { vm_type: 'tinav5.c1r1p2', bsu_optimized: false, shutdown_behavior: 'stop' as const };
  await runWithoutCleanup([
    stepSourceOmi(env, { source_omi: cloud.catalogImageId }),
    stepNetworkInfo(env, { associate_public_ip_address: true }),
    stepKeypair(env, options.image ? none : withKey, {
      homedir: tmpdir(),
      workDir: tmpdir(),
      buildName: 'k',
      debug: false,
    }),
    stepPublicIp(env, { associate_public_ip_address: true }),
    stepSecurityGroup(env, {}, { port: 22 }),
    stepRunSourceVm(
      env,
      {
        ...vm,
        launch_block_device_mappings: [
          { device_name: '/dev/sdb', volume_size: 1, delete_on_vm_deletion: false, no_device: false },
        ],
      },
      { interpolation },
    ),
    ...(options.image
      ? [
          stepStopVm(env, { disable_stop_vm: false }),
          stepCreateOmi(env, { omi_name: `killed-${Date.now()}` }, { interpolation }),
        ]
      : []),
  ]);
  return env;
}

describe('cleanupLeftovers', () => {
  it('shows (dry run) and then deletes what a killed build left, in dependency order, and removes its journal', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const env = await killedBuild(journalDir, { image: true });
    const file = env.journal.file ?? '';
    const before = inventoryOf(cloud);
    expect(before.vms).toHaveLength(1);
    expect(before.images).toHaveLength(1);
    // A forced exit can leave the half-written temporary file of an atomic journal write; a live build's stays.
    const stale = `${file}.${deadPid}.tmp`;
    const live = `${file}.${process.pid}.tmp`;
    writeFileSync(stale, '');
    writeFileSync(live, '');

    const dryUi = new RecordingUi();
    const dry = await cleanupLeftovers({ journalDir, clients: alice, dryRun: true, ui: dryUi, waiter: testWaiter });
    const kinds = dry.leftovers.builds[0]?.resources.map((resource) => resource.kind).sort();
    // Two volumes (root and /dev/sdb, kept by the VM's deletion), so two snapshots of the pending OMI.
    expect(kinds).toEqual(['image', 'public-ip', 'security-group', 'snapshot', 'snapshot', 'vm', 'volume', 'volume']);
    expect(dryUi.texts().filter((text) => text.startsWith('Would delete'))).toHaveLength(8);
    expect(dry.deleted).toEqual([]);
    expect(inventoryOf(cloud).vms).toHaveLength(1);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(stale)).toBe(true);

    const ui = new RecordingUi();
    const report = await cleanupLeftovers({ journalDir, clients: alice, ui, waiter: testWaiter });
    expect(report.failed).toEqual([]);
    expect(report.deleted.map((resource) => resource.kind)[0]).toBe('vm');
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
    expect(inventoryOf(cloud).images).toEqual([]);
    expect(inventoryOf(cloud).snapshots).toEqual([]);
    expect(report.removedFiles).toEqual([file]);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
  }, 60_000);

  it('sweeps by build tag what a build without a journal left, key pair included', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const env = await killedBuild(journalDir);
    rmSync(env.journal.file ?? '');
    const bob = clientOf(cloud, 1);
    const found = await findLeftovers({ journalDir, clients: [bob, alice], buildIds: [env.buildId] });
    await bob.close();
    expect(found.builds).toHaveLength(1);
    expect(found.builds[0]?.client).toBe(alice);
    const resources = found.builds[0]?.resources ?? [];
    expect(resources.every((resource) => resource.foundBy === 'tag')).toBe(true);
    expect(resources.map((resource) => resource.kind).sort()).toEqual([
      'keypair',
      'public-ip',
      'security-group',
      'vm',
      'volume',
      'volume',
    ]);
    const report = await cleanupLeftovers({
      journalDir,
      clients: alice,
      buildIds: [env.buildId],
      ui: new RecordingUi(),
      waiter: testWaiter,
    });
    expect(report.failed).toEqual([]);
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
  }, 60_000);

  it('finds a VM whose create was interrupted by its ClientToken, skips running builds, removes finished journals', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const killed = await testStepEnv(alice, { journalDir, pid: deadPid });
    await killed.journal.intend('vm', { clientToken: 'token-of-a-killed-build' });
    await alice.call('CreateVms', { ImageId: cloud.catalogImageId, ClientToken: 'token-of-a-killed-build' });
    const running = await testStepEnv(alice, { journalDir });
    await running.journal.intend('keypair', { name: 'packer_still-running' });
    const finished = await testStepEnv(alice, { journalDir, pid: deadPid });
    await finished.journal.deleted(await finished.journal.intend('keypair', { name: 'packer_long-gone' }));
    const ui = new RecordingUi();
    const report = await cleanupLeftovers({ journalDir, clients: alice, ui, waiter: testWaiter });
    expect(report.deleted.map((resource) => resource.kind)).toEqual(['vm']);
    expect(ui.texts()).toContainEqual(
      expect.stringMatching(/^Skipping build .*: the build may still be running \(process \d+/),
    );
    expect(report.removedFiles.sort()).toEqual([killed.journal.file, finished.journal.file].sort());
    expect(existsSync(running.journal.file ?? '')).toBe(true);
    const volumes = inventoryOf(cloud).volumes.map((volume) => volume.volumeId);
    for (const volume of volumes) await alice.call('DeleteVolume', { VolumeId: volume });
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
  }, 60_000);

  it('skips, saying why, a build whose resources cannot be looked up, and still cleans the others', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const broken = await testStepEnv(alice, { journalDir, pid: deadPid, buildName: 'broken' });
    await broken.journal.intend('keypair', { name: 'packer_unreadable' });
    const healthy = await testStepEnv(alice, { journalDir, pid: deadPid, buildName: 'healthy' });
    await healthy.journal.intend('keypair', { name: 'packer_never-made' });
    const failing = ((operation, input, options) => {
      const names = (input as { Filters?: { KeypairNames?: string[] } }).Filters?.KeypairNames ?? [];
      if (operation === 'ReadKeypairs' && names.includes('packer_unreadable')) {
        return Promise.reject(new Error('ReadKeypairs failed: the connection was reset'));
      }
      return alice.readAll(operation, input, options);
    }) as OapiClient['readAll'];
    const client: OapiClient = { ...alice, readAll: failing };
    const ui = new RecordingUi();
    const report = await cleanupLeftovers({ journalDir, clients: client, ui, waiter: testWaiter });
    const byName = Object.fromEntries(report.leftovers.builds.map((build) => [build.document?.buildName, build]));
    expect(byName.broken?.skipped).toBe('it could not be examined: ReadKeypairs failed: the connection was reset');
    expect(byName.healthy?.skipped).toBeUndefined();
    expect(byName.healthy?.gone).toEqual([expect.objectContaining({ name: 'packer_never-made' })]);
    expect(report.removedFiles).toEqual([healthy.journal.file]);
    expect(existsSync(broken.journal.file ?? '')).toBe(true);
    expect(ui.texts()).toContainEqual(expect.stringMatching(/^Skipping build .*broken .*: it could not be examined/));
  });

  it('writes the intent before the create call, and needs credentials of the endpoint and account', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const env = await testStepEnv(alice, { journalDir, pid: deadPid });
    // What the journal file and the cloud hold at the moment CreateKeypair is sent (no timing involved).
    let during: { journal: unknown; keypairs: unknown } | undefined;
    const call = ((operation, input, options) => {
      if (operation === 'CreateKeypair') {
        const journal = journalDocumentSchema.parse(JSON.parse(readFileSync(env.journal.file ?? '', 'utf8')));
        during = { journal: journal.resources, keypairs: inventoryOf(cloud).keypairs };
      }
      return alice.call(operation, input, options);
    }) as OapiClient['call'];
    const spying: OscStepEnv = { ...env, client: { ...alice, call } };
    await runWithoutCleanup([
      stepKeypair(spying, communicatorConfig(), { homedir: tmpdir(), workDir: tmpdir(), buildName: 'j', debug: false }),
    ]);
    expect(during).toEqual({
      journal: [expect.objectContaining({ kind: 'keypair', state: 'intended' })],
      keypairs: [],
    });
    const after = journalDocumentSchema.parse(JSON.parse(readFileSync(env.journal.file ?? '', 'utf8')));
    expect(after.resources[0]).toMatchObject({ kind: 'keypair', state: 'created' });
    expect(JSON.stringify(after)).not.toContain('PRIVATE KEY');
    await env.journal.setAccountId(cloud.accounts[0]?.accountId ?? '');

    const bob = clientOf(cloud, 1);
    const wrongAccount = await findLeftovers({ journalDir, clients: bob });
    expect(wrongAccount.builds[0]?.skipped).toMatch(
      /^its resources are in account \d+, but these credentials are for account \d+$/,
    );
    const both = await findLeftovers({ journalDir, clients: [bob, alice] });
    expect(both.builds[0]?.skipped).toBeUndefined();
    expect(both.builds[0]?.client).toBe(alice);
    const other = clientOf({ ...cloud, region: 'us-east-2' } as LocalCloud, 0);
    const wrongEndpoint = await findLeftovers({ journalDir, clients: other });
    expect(wrongEndpoint.builds[0]?.skipped).toContain('no credentials given for');
    await cleanupLeftovers({ journalDir, clients: alice, ui: new RecordingUi(), waiter: testWaiter });
    expect(inventoryOf(cloud).keypairs).toEqual([]);
    await bob.close();
    await other.close();
  }, 60_000);
});
