import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommunicatorConfig,
  decodeConfig,
  type RunOutcome,
  runSteps,
  SecretRegistry,
  type Step,
} from '@osc-packer/builder-core';
import { RecordingUi } from '@osc-packer/builder-core/test';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { createOapiClient, type OapiClient } from '@osc-packer/oapi-client';
import { afterAll, beforeAll } from 'vitest';
import { outscaleCommunicatorBlock } from '../config/communicator-block';
import { ResourceJournal } from '../journal/resource-journal';
import type { OscBuildState } from '../steps/osc-build-state';
import { createOscStepEnv, type OscStepEnv } from '../steps/osc-step-env';

/** Fast polling: local-cloud's `instant` and `fast` transitions take at most a second or two. */
export const testWaiter = { minDelayMs: 20, maxDelayMs: 200, timeoutMs: 30_000, notFoundGraceMs: 5_000 };

/** A client of one account of the local cloud. */
export function clientOf(cloud: LocalCloud, accountIndex = 0): OapiClient {
  const account = cloud.accounts[accountIndex];
  if (!account) throw new Error(`no account #${accountIndex}`);
  return createOapiClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKey: account.accessKey, secretKey: account.secretKey },
    rateLimit: false,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}

/**
 * Starts a local cloud (`instant` timing) before the file's tests, hands it and a client of its first account
 * to `use`, and closes both after them.
 */
export function useTestCloud(use: (started: { cloud: LocalCloud; alice: OapiClient }) => void): void {
  let started: { cloud: LocalCloud; alice: OapiClient } | undefined;
  beforeAll(async () => {
    const cloud = await startLocalCloud({ timing: 'instant' });
    started = { cloud, alice: clientOf(cloud, 0) };
    use(started);
  }, 60_000);
  afterAll(async () => {
    await started?.alice.close();
    await started?.cloud.close();
  }, 60_000);
}

/** API tags as a plain object, for comparisons. */
export const tagsOf = (tags: readonly { Key: string; Value: string }[] = []) =>
  Object.fromEntries(tags.map((t) => [t.Key, t.Value]));

/** Options of {@link testStepEnv}. */
export interface TestStepEnvOptions {
  journalDir?: string;
  runUuid?: string;
  buildName?: string;
  /** Pretend the build runs in another process (for killed-build tests). */
  pid?: number;
}

/** A step env on `client` with a journal (in `journalDir`, or a fresh temporary directory). */
export async function testStepEnv(client: OapiClient, options: TestStepEnvOptions = {}): Promise<OscStepEnv> {
  const journal = await ResourceJournal.open({
    dir: options.journalDir ?? mkdtempSync(join(tmpdir(), 'osc-journal-')),
    runUuid: options.runUuid ?? crypto.randomUUID(),
    buildName: options.buildName ?? 'test',
    builderType: 'osc-bsu',
    target: { endpoint: client.endpoint.href, region: client.region, credentialSource: 'test keys' },
    ...(options.pid === undefined ? {} : { pid: options.pid }),
  });
  return createOscStepEnv({
    client,
    journal,
    waiter: testWaiter,
    consistencyTimeoutMs: 10_000,
    secrets: new SecretRegistry(),
  });
}

/** Runs steps with builder-core's runner (cleanups included) and a recording Ui. */
export async function runTestSteps(
  steps: readonly Step<OscBuildState>[],
  state: OscBuildState = {},
  options: { signal?: AbortSignal } = {},
): Promise<{ outcome: RunOutcome; ui: RecordingUi; state: OscBuildState }> {
  const ui = new RecordingUi();
  const outcome = await runSteps(steps, state, { ui, ...(options.signal ? { signal: options.signal } : {}) });
  return { outcome, ui, state };
}

/** Runs only the `run` of each step, in order, like a build killed before its cleanups. */
export async function runWithoutCleanup(
  steps: readonly Step<OscBuildState>[],
  state: OscBuildState = {},
): Promise<OscBuildState> {
  const ui = new RecordingUi();
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  for (const step of steps) await step.run({ signal: new AbortController().signal, ui, log, debug: false }, state);
  return state;
}

/** A step that records the state it sees and then fails (to look at what earlier steps did before cleanup). */
export function inspectThenFail(inspect: (state: OscBuildState) => void | Promise<void>): Step<OscBuildState> {
  return {
    name: 'inspect',
    async run(_context, state) {
      await inspect(state);
      throw new Error('inspected');
    },
  };
}

/** Live resources of an account of the local cloud. */
export function inventoryOf(cloud: LocalCloud, accountIndex = 0) {
  const account = cloud.accounts[accountIndex];
  const found = cloud.inventory().accounts.find((entry) => entry.accountId === account?.accountId);
  if (!found) throw new Error(`no inventory for account #${accountIndex}`);
  return found;
}

/** True when the account holds no VM, key pair, security group, public IP or volume. */
export function temporaryResourcesOf(cloud: LocalCloud, accountIndex = 0) {
  const live = inventoryOf(cloud, accountIndex);
  return {
    vms: live.vms.map((vm) => vm.vmId),
    keypairs: live.keypairs.map((pair) => pair.keypairName),
    securityGroups: live.securityGroups.map((group) => group.securityGroupId),
    publicIps: live.publicIps.map((ip) => ip.publicIpId),
    volumes: live.volumes.map((volume) => volume.volumeId),
  };
}

/** What `temporaryResourcesOf` returns for a clean account. */
export const nothingLeft = { vms: [], keypairs: [], securityGroups: [], publicIps: [], volumes: [] };

/** A decoded communicator block (Outscale defaults), as the builders get it. */
export function communicatorConfig(raw: Record<string, unknown> = {}): CommunicatorConfig {
  const decoded = decodeConfig(outscaleCommunicatorBlock, { ssh_username: 'outscale', ...raw });
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues));
  return decoded.value;
}
