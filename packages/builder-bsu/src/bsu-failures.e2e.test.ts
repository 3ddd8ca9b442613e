import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLineLogger } from '@osc-packer/builder-core';
import {
  createDataStore,
  createVmRuntime,
  type DataStore,
  type FaultRuleInput,
  type LocalCloud,
  startLocalCloud,
} from '@osc-packer/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bsuBlock, expectNothingLeft, leftovers, runTestBuild } from './test/bsu-test-kit';

// A data store whose snapshots fail while `failSnapshots` is set: how an OMI ends up `failed` on Outscale.
let failSnapshots = false;
function failingStore(store: DataStore): DataStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'snapshotVolume' && failSnapshots) {
        return async () => {
          throw new Error('the storage backend refused the snapshot');
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// The draws of the probabilistic faults: 0.1, 0.9, 0.9, 0.9, again and again. A `probability: 0.2` rule then
// fires on the 1st, 5th, 9th... matching call, as intermittent as Math.random's but the same on every run (with
// Math.random a build's dozen reads went unthrottled about once in 20 runs, failing the 'every rule fired' check).
let draws = 0;
const everyFourthDraw = () => (draws++ % 4 === 0 ? 0.1 : 0.9);

let cloud: LocalCloud;
const fastRetries = { clientOptions: { retry: { baseDelayMs: 20, maxDelayMs: 200 } } };

beforeAll(async () => {
  const store = createDataStore();
  cloud = await startLocalCloud({
    timing: 'instant',
    accounts: [{}, {}, {}],
    random: everyFourthDraw,
    machines: { store: failingStore(store), runtime: createVmRuntime({ store }) },
  });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
}, 60_000);

describe.concurrent('osc-bsu builds that fail leave nothing behind (one account each, concurrently)', () => {
  it('a provisioner failure: the error-cleanup-provisioner runs, then everything is deleted', async () => {
    const result = await runTestBuild({
      cloud,
      raw: bsuBlock(cloud, { associate_public_ip_address: true }),
      provisioners: [{ type: 'shell', config: { inline: ['echo about to fail', 'exit 3'] } }],
      errorCleanup: { type: 'shell-local', config: { inline: ['echo "cleaning up after {{ build `ID` }}"'] } },
      builder: fastRetries,
    });
    expect(result.error?.message).toContain('Script exited with non-zero exit status: 3');
    expect(result.stdout).toMatch(/cleaning up after i-[0-9a-f]{8}/);
    expect(result.artifact).toBeUndefined();
    await expectNothingLeft(cloud, 0);
  }, 60_000);

  it('throttling, 5xx answers, lost answers and not-yet-visible resources: the build succeeds, nothing else is left', async () => {
    const account = cloud.accounts[1]?.accountId ?? '';
    const rules: FaultRuleInput[] = [
      { operation: 'CreateVms', action: 'throttle', times: 2 },
      { operation: 'Read*', action: 'throttle', scope: 'account', probability: 0.2 },
      { operation: 'CreateTags', action: 'server-error', status: 503, times: 2 },
      { operation: 'CreateImage', action: 'reset', phase: 'after', times: 1 },
      { operation: 'CreateKeypair', action: 'server-error', status: 502, times: 1 },
      { operation: 'DeleteSecurityGroup', action: 'server-error', status: 500, times: 1 },
      { resource: ['vm', 'image', 'securityGroup'], action: 'not-found-after-create', ms: 300 },
    ];
    const ids = rules.map((rule) => cloud.faults.add({ ...rule, account }));
    const result = await runTestBuild({
      cloud,
      raw: bsuBlock(cloud, { tags: { Name: 'faulty' } }, 1),
      provisioners: [{ type: 'shell', config: { inline: ['echo provisioned'] } }],
      builder: fastRetries,
    });
    const fired = cloud.faults.list().filter((fault) => ids.includes(fault.id));
    for (const id of ids) cloud.faults.remove(id);
    expect(result.error).toBeUndefined();
    expect(fired.filter((fault) => fault.fired === 0)).toEqual([]);
    const images = leftovers(cloud, 1).images ?? [];
    expect(images).toHaveLength(1);
    await expectNothingLeft(cloud, 1, ['vms', 'keypairs', 'securityGroups', 'publicIps', 'volumes']);
    await result.artifact?.destroy();
    await expectNothingLeft(cloud, 1);
  }, 60_000);

  it('puts neither the secret key nor the temporary private key in its output, logs or journal, even under -debug', async () => {
    const secretKey = cloud.accounts[2]?.secretKey ?? '';
    const journalDir = mkdtempSync(join(tmpdir(), 'osc-bsu-journal-'));
    const logLines: string[] = [];
    // The API client's debug lines, as the client writes them (before any scrubbing by the run's registry).
    const clientLines: string[] = [];
    let journals = '';
    const result = await runTestBuild({
      cloud,
      debug: true,
      raw: bsuBlock(cloud, { skip_create_omi: true }, 2),
      provisioners: [{ type: 'shell', config: { inline: ['echo "{{ build `SSHPrivateKey` }}"'] } }],
      builder: {
        journalDir,
        clientOptions: {
          ...fastRetries.clientOptions,
          logger: { debug: (message, fields) => clientLines.push(`${message} ${JSON.stringify(fields)}`) },
        },
      },
      log: createLineLogger({ write: (line) => logLines.push(line) }),
      watch: (line) => {
        if (!line.startsWith('Provisioning with shell script')) return;
        for (const file of readdirSync(journalDir)) journals += readFileSync(join(journalDir, file), 'utf8');
      },
    });
    expect(result.error).toBeUndefined();
    expect(result.artifact).toBeUndefined();
    expect(journals).toContain('"kind": "keypair"');
    expect(logLines.some((line) => line.includes('[INFO]'))).toBe(true);
    expect(clientLines.some((line) => line.startsWith('OAPI CreateKeypair attempt 1: HTTP 200'))).toBe(true);
    const output = result.stdout + result.stderr;
    expect(output).toContain('<sensitive>');
    for (const [where, text] of Object.entries({
      output,
      log: logLines.join(''),
      client: clientLines.join('\n'),
      journals,
    })) {
      expect(text, where).not.toContain(secretKey);
      expect(text, where).not.toMatch(/MII[A-Za-z0-9+/]{20}/);
      expect(text, where).not.toContain('PRIVATE KEY-----\n');
    }
    await expectNothingLeft(cloud, 2);
  }, 60_000);
});

describe('a failed OMI', () => {
  it('halts with the API state message, and the OMI, its snapshots and the VM are deleted', async () => {
    failSnapshots = true;
    let result: Awaited<ReturnType<typeof runTestBuild>>;
    try {
      result = await runTestBuild({ cloud, raw: bsuBlock(cloud, { communicator: 'none' }), builder: fastRetries });
    } finally {
      failSnapshots = false;
    }
    expect(result.error?.message).toMatch(
      /error waiting for OMI ami-[0-9a-f]{8}: stopped waiting for image ami-[0-9a-f]{8} to be available: it is failed \(Server\.InternalError: .*the storage backend refused the snapshot/,
    );
    expect(result.stdout).toContain('Deleting the OMI');
    await expectNothingLeft(cloud, 0);
  }, 60_000);
});
