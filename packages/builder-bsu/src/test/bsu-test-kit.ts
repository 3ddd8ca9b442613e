import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Artifact,
  builtinProvisioners,
  CaptureStream,
  createBuildContext,
  createHumanUi,
  createInterpolationContext,
  createProvisioning,
  type Logger,
  type OnError,
  type PrepareEnv,
  type ProvisionerBlock,
  prepareProvisioners,
  SecretRegistry,
  type Ui,
} from '@osc-packer/builder-core';
import type { LocalCloud } from '@osc-packer/local-cloud';
import { expect, vi } from 'vitest';
import type { BsuBuilderOptions } from '../bsu-builder-options';
import { createBsuBuilder } from '../create-bsu-builder';

/** Fast polling for tests: local-cloud's transitions take at most a second or two. */
export const testWaiter = { minDelayMs: 50, maxDelayMs: 250, timeoutMs: 60_000, notFoundGraceMs: 10_000 };

/** A raw osc-bsu block against a local cloud: one of its accounts (the first by default), the catalog's Debian, user `outscale`. */
export function bsuBlock(
  cloud: LocalCloud,
  extra: Record<string, unknown> = {},
  accountIndex = 0,
): Record<string, unknown> {
  const account = cloud.accounts[accountIndex];
  return {
    access_key: account?.accessKey,
    secret_key: account?.secretKey,
    region: cloud.region,
    custom_endpoint_oapi: cloud.endpoint,
    source_omi: cloud.catalogImageId,
    vm_type: 'tinav5.c1r1p2',
    ssh_username: 'outscale',
    omi_name: `osc-bsu-test-${Math.random().toString(36).slice(2, 10)}`,
    temporary_security_group_source_cidrs: ['127.0.0.0/8'],
    ...extra,
  };
}

/** What a test build produced. */
export interface TestBuildResult {
  artifact: Artifact | undefined;
  error: Error | undefined;
  stdout: string;
  stderr: string;
  secrets: SecretRegistry;
}

/** Options of {@link runTestBuild}. */
export interface TestBuildOptions {
  cloud: LocalCloud;
  raw: Record<string, unknown>;
  provisioners?: ProvisionerBlock[];
  errorCleanup?: ProvisionerBlock;
  builder?: BsuBuilderOptions;
  signal?: AbortSignal;
  onError?: OnError;
  force?: boolean;
  debug?: boolean;
  buildName?: string;
  runUuid?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Sees every line the build prints (headlines and details), as it is printed. */
  watch?: (line: string) => void;
  /** The build's debug log (what the cli writes with PACKER_LOG). */
  log?: Logger;
}

function watched(ui: Ui, watch: ((line: string) => void) | undefined): Ui {
  if (!watch) return ui;
  return {
    ...ui,
    say: (message) => {
      ui.say(message);
      watch(message);
    },
    message: (message) => {
      ui.message(message);
      watch(message);
    },
    error: (message) => ui.error(message),
    machine: (type, ...data) => ui.machine(type, ...data),
    ask: (question, signal) => ui.ask(question, signal),
    trackProgress: (label, total) => ui.trackProgress(label, total),
  };
}

/** Prepares and runs one osc-bsu build through createBsuBuilder and builder-core's build context. */
export async function runTestBuild(options: TestBuildOptions): Promise<TestBuildResult> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'osc-bsu-'));
  const buildName = options.buildName ?? 'bsu';
  const env = options.env ?? { PATH: process.env.PATH, HOME: cwd };
  const interpolation = { ...createInterpolationContext({ cwd, env }), buildName, buildType: 'osc-bsu' };
  const prepareEnv: PrepareEnv = {
    buildName,
    builderType: 'osc-bsu',
    force: options.force ?? false,
    debug: options.debug ?? false,
    onError: options.onError ?? 'cleanup',
    templatePath: undefined,
    userVariables: {},
    env,
    interpolation,
  };
  const builder = createBsuBuilder({
    resolveSshEndpoint: (host, port) => options.cloud.sshEndpoint(host, port),
    waiterOptions: testWaiter,
    consistencyTimeoutMs: 20_000,
    ...options.builder,
  });
  const prepared = builder.prepare(options.raw, prepareEnv);
  if (!prepared.ok) throw new Error(`prepare failed: ${JSON.stringify(prepared.issues)}`);
  const pluginEnv = { buildName, builderType: 'osc-bsu', env, cwd, interpolation };
  const provisioners = prepareProvisioners(options.provisioners ?? [], builtinProvisioners(), pluginEnv);
  const cleanup = options.errorCleanup
    ? prepareProvisioners([options.errorCleanup], builtinProvisioners(), pluginEnv).provisioners[0]
    : undefined;
  if (provisioners.issues.length > 0) throw new Error(`provisioners: ${JSON.stringify(provisioners.issues)}`);
  const stdout = new CaptureStream();
  const stderr = new CaptureStream();
  const secrets = new SecretRegistry().add(...(prepared.secrets ?? []));
  const context = createBuildContext({
    buildName,
    builderType: 'osc-bsu',
    ui: watched(createHumanUi({ stdout, stderr, secrets }), options.watch),
    secrets,
    ...(options.log ? { log: options.log } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    debug: options.debug ?? false,
    onError: options.onError ?? 'cleanup',
    ...(options.runUuid ? { runUuid: options.runUuid } : {}),
    provisioning: createProvisioning(provisioners.provisioners, cleanup, {
      buildName,
      builderType: 'osc-bsu',
      env,
      cwd,
    }),
  });
  let artifact: Artifact | undefined;
  let error: Error | undefined;
  try {
    artifact = await builder.run(context, prepared.config);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown : new Error(String(thrown));
  }
  return { artifact, error, stdout: stdout.text, stderr: stderr.text, secrets };
}

/** Live resources of an account of the local cloud, by kind, with the ids (for leak checks). */
export function liveResources(cloud: LocalCloud, accountIndex = 0) {
  const account = cloud.accounts[accountIndex];
  return cloud.inventory().accounts.find((entry) => entry.accountId === account?.accountId);
}

/** The ids of everything a build may create in an account: none must be left after a failed build. */
export function leftovers(cloud: LocalCloud, accountIndex = 0) {
  const live = liveResources(cloud, accountIndex);
  return {
    vms: live?.vms.map((vm) => vm.vmId),
    keypairs: live?.keypairs.map((pair) => pair.keypairName),
    securityGroups: live?.securityGroups.map((group) => group.securityGroupId),
    publicIps: live?.publicIps.map((ip) => ip.publicIpId),
    volumes: live?.volumes.map((volume) => volume.volumeId),
    images: live?.images.map((image) => image.imageId),
    snapshots: live?.snapshots.map((snapshot) => snapshot.snapshotId),
  };
}

/** What `leftovers` returns for an account a build left clean. */
export const clean = {
  vms: [],
  keypairs: [],
  securityGroups: [],
  publicIps: [],
  volumes: [],
  images: [],
  snapshots: [],
};

/**
 * Waits (a few seconds at most) until the account holds none of `kinds`: volumes and snapshots are listed
 * while they are `deleting`, for a moment after a build deleted them.
 */
export async function expectNothingLeft(
  cloud: LocalCloud,
  accountIndex = 0,
  kinds: readonly (keyof typeof clean)[] = Object.keys(clean) as (keyof typeof clean)[],
): Promise<void> {
  await vi.waitFor(
    () => {
      const left = leftovers(cloud, accountIndex);
      const seen = Object.fromEntries(kinds.map((kind) => [kind, left[kind]]));
      expect(seen).toEqual(Object.fromEntries(kinds.map((kind) => [kind, []])));
    },
    { timeout: 10_000, interval: 50 },
  );
}
