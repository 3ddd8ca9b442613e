import type { ConfigIssue } from '@osc-packer/builder-core';
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
  /** Settings of a prepared build that this target cannot honour. */
  readonly conflicts: (config: unknown) => ConfigIssue[];
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
    const endpoints = ['OSC_ENDPOINT_API', 'OUTSCALE_OAPI_URL'].flatMap((name) => io.env[name] ?? []);
    return {
      env: io.env,
      runtime: { journalDir: dir, waiter, log: run.log, resolveSshEndpoint: externalLocalCloudResolver(endpoints) },
      conflicts: () => [],
      leftovers: `The resource journal (${dir}) lists what is left: run 'osc-packer cleanup' to delete it ('osc-packer cleanup --dry-run' shows what it would delete).`,
      close: async () => {},
    };
  }
  const cloud = await startCloud(run);
  const access = cloud;
  run.secrets.add(cloud.secretKey);
  return {
    env: localCloudEnv(io.env, access),
    runtime: { journalDir: cloud.journalDir, waiter, log: run.log, resolveSshEndpoint: cloud.resolveSshEndpoint },
    conflicts: (config) => localCloudConflicts(config, access),
    leftovers: 'What is left lives in the embedded local-cloud, which is stopping now: nothing outlives it.',
    cloud,
    close: async () => {
      run.ui.say('==> local-cloud: stopping (its VMs, volumes and images go with it)');
      await cloud.close();
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
