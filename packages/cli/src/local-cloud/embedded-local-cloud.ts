import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTimingProfileName, type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { UsageError } from '../usage-error';
import type { SshEndpointResolver } from './ssh-endpoint-resolver';

/** Where an embedded local cloud reports (the build's Ui and debug log). */
export interface EmbeddedCloudReporter {
  info(message: string): void;
  warn(message: string): void;
}

/** A local cloud started inside this process for one `osc-packer build --local-cloud`. */
export interface EmbeddedLocalCloud {
  readonly cloud: LocalCloud;
  readonly endpoint: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
  /** `cloud.sshEndpoint` as the builder's hook: VMs listen on high ports when not root. */
  readonly resolveSshEndpoint: SshEndpointResolver;
  /** A journal directory that lives as long as the cloud (its resources die with it). */
  readonly journalDir: string;
  /** Stops every VM and removes everything the cloud created; idempotent. */
  close(): Promise<void>;
}

/**
 * Starts local-cloud in-process for a build: the API on a free loopback port, the default accounts, the
 * given timing profile. Throws UsageError for an unknown timing profile.
 */
export async function startEmbeddedLocalCloud(
  timing: string,
  reporter: EmbeddedCloudReporter,
): Promise<EmbeddedLocalCloud> {
  if (!isTimingProfileName(timing)) {
    throw new UsageError(`--local-cloud-timing must be instant, fast or realistic (got '${timing}')`);
  }
  const journalDir = await mkdtemp(join(tmpdir(), 'osc-packer-local-cloud-journal-'));
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({ timing, logger: reporter });
  } catch (error) {
    await rm(journalDir, { recursive: true, force: true });
    throw error;
  }
  const [account] = cloud.accounts;
  if (!account) throw new Error('local-cloud started without an account');
  let closing: Promise<void> | undefined;
  return {
    cloud,
    endpoint: cloud.endpoint,
    region: cloud.region,
    accessKey: account.accessKey,
    secretKey: account.secretKey,
    resolveSshEndpoint: async (host, port) => cloud.sshEndpoint(host, port),
    journalDir,
    close() {
      closing ??= cloud.close().finally(() => rm(journalDir, { recursive: true, force: true }));
      return closing;
    },
  };
}
