import type { ConfigIssue } from '@osc-packer/builder-core';
import { resolveAccess } from '@osc-packer/osc-auth';
import { type AccessConfig, accessInput } from '@osc-packer/osc-steps';
import type { BuilderRuntime } from '../builder-runtime';
import { type EmbeddedLocalCloud, startEmbeddedLocalCloud } from '../local-cloud/embedded-local-cloud';
import { localCloudConflicts } from '../local-cloud/local-cloud-conflicts';
import { localCloudEnv } from '../local-cloud/local-cloud-env';
import { externalLocalCloudResolver } from '../local-cloud/ssh-endpoint-resolver';
import type { BuildRun } from './build-run';
import { journalDir } from './journal-dir';
import { waiterSettings } from './waiter-settings';

/** Where the builds of a run go, and what they get from the world. */
export interface BuildTarget {
  /** The environment builds see (access resolution, `{{env}}`, local provisioners). */
  readonly env: NodeJS.ProcessEnv;
  readonly runtime: BuilderRuntime;
  /** Looks at a prepared build's access settings: returns what this target cannot honour (and notes its endpoint). */
  readonly checkAccess: (access: AccessConfig | undefined) => ConfigIssue[];
  /** What to tell the user about resources a build could not clean up. */
  readonly leftovers: string;
  /** The embedded local cloud, when the run started one. */
  readonly cloud?: EmbeddedLocalCloud;
  close(): Promise<void>;
}

/**
 * The run's target: the cloud the environment, profile or template names (reaching a separately started
 * local-cloud's VMs through its SSH endpoint mapping), or with `--local-cloud` an embedded local cloud
 * passed to the builds through their environment. Throws UsageError for unusable `OSC_POLL_*` values.
 */
export async function resolveBuildTarget(run: BuildRun): Promise<BuildTarget> {
  const { io, args } = run;
  const waiter = waiterSettings(io.env);
  if (!args.localCloud) {
    const dir = journalDir(io.env, io.cwd);
    // A separately started local-cloud is found through the endpoints the builds resolve (template, profile
    // or environment), asked for once the first VM is to be reached.
    const builds: AccessConfig[] = [];
    const endpoints = once(() => buildEndpoints(builds, io.env));
    return {
      env: io.env,
      runtime: {
        journalDir: dir,
        waiter,
        log: run.log,
        resolveSshEndpoint: externalLocalCloudResolver(endpoints),
        ...home(io.env),
      },
      checkAccess: (settings) => {
        if (settings) builds.push(settings);
        return [];
      },
      leftovers: `The resource journal (${dir}) lists what is left: run 'osc-packer cleanup' to delete it ('osc-packer cleanup --dry-run' shows what it would delete).`,
      close: async () => {},
    };
  }
  const cloud = await startCloud(run);
  const access = cloud;
  run.secrets.add(cloud.secretKey);
  return {
    env: localCloudEnv(io.env, access),
    runtime: {
      journalDir: cloud.journalDir,
      waiter,
      log: run.log,
      resolveSshEndpoint: cloud.resolveSshEndpoint,
      ...home(io.env),
    },
    checkAccess: (settings) => localCloudConflicts(settings, access),
    leftovers: 'What is left lives in the embedded local-cloud, which is stopping now: nothing outlives it.',
    cloud,
    close: async () => {
      run.ui.say('==> local-cloud: stopping (its VMs, volumes and images go with it)');
      await cloud.close();
      run.ui.say('==> local-cloud: stopped');
    },
  };
}

async function startCloud(run: BuildRun): Promise<EmbeddedLocalCloud> {
  const { ui, log, args } = run;
  const cloud = await startEmbeddedLocalCloud(args.localCloudTiming, {
    info: (message) => log.info(`local-cloud: ${message}`),
    warn: (message) => {
      log.warn(`local-cloud: ${message}`);
      ui.error(`==> local-cloud: warning: ${message}`);
    },
  });
  ui.say(
    `==> local-cloud: started in this process: Outscale API on ${cloud.endpoint} (region ${cloud.region}, timing ${args.localCloudTiming})`,
  );
  ui.say(
    `==> local-cloud: builds use its access key ${cloud.accessKey} through OSC_ENDPOINT_API, OSC_ACCESS_KEY, OSC_SECRET_KEY and OSC_REGION`,
  );
  ui.say(
    `==> local-cloud: public catalog image ${cloud.cloud.catalogImageId} (Debian 12, owner alias Outscale); VMs run isolated on loopback addresses`,
  );
  return cloud;
}

function home(env: Readonly<Record<string, string | undefined>>): { homedir?: string } {
  return env.HOME ? { homedir: env.HOME } : {};
}

/** The API endpoints the builds will use, as osc-auth resolves them (unresolvable ones are left out). */
async function buildEndpoints(
  builds: readonly AccessConfig[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const resolved = await Promise.allSettled(
    builds.map((settings) => resolveAccess(accessInput(settings), { env, ...home(env) })),
  );
  return resolved.flatMap((result) => (result.status === 'fulfilled' ? [result.value.endpoint.href] : []));
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
