import { BuildCancelledError } from '@osc-packer/builder-core';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bsuBlock, expectNothingLeft, runTestBuild } from './test/bsu-test-kit';

// Ctrl-C (the build's signal) at each step: a short while after the step says what it does, so its calls are
// in flight (every call is slowed down a little). Each build runs in its own account, several at once.
const cancelPoints = [
  'Checking OUTSCALE API credentials',
  'Prevalidating OMI name',
  'Found Image ID',
  'Creating temporary key pair',
  'Creating temporary PublicIp',
  'Creating temporary security group',
  'Launching a source OUTSCALE vm',
  'Waiting for vm',
  'Linking public IP',
  'Waiting for SSH to become available',
  'Provisioning with shell script',
  'Stopping the source vm',
  'Creating OMI',
  'Waiting for OMI to become ready',
  'Updating OMI and snapshot permissions',
  'Adding tags to OMI',
] as const;

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({
    timing: 'instant',
    accounts: cancelPoints.map(() => ({})),
    faults: [{ operation: '*', action: 'latency', ms: 40 }],
  });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
}, 60_000);

describe.concurrent('cancelling an osc-bsu build at each step leaves nothing behind', () => {
  for (const [index, point] of cancelPoints.entries()) {
    it(`cancelled at "${point}"`, async () => {
      const controller = new AbortController();
      const shareWith = cloud.accounts[(index + 1) % cloud.accounts.length]?.accountId;
      const result = await runTestBuild({
        cloud,
        signal: controller.signal,
        raw: bsuBlock(
          cloud,
          { associate_public_ip_address: true, omi_account_ids: [shareWith], tags: { Name: 'cancelled' } },
          index,
        ),
        provisioners: [{ type: 'shell', config: { inline: ['sleep 1'] } }],
        watch: (line) => {
          if (line.startsWith(point) && !controller.signal.aborted) setTimeout(() => controller.abort(), 20);
        },
      });
      expect(controller.signal.aborted).toBe(true);
      expect(BuildCancelledError.isInstance(result.error)).toBe(true);
      expect(result.artifact).toBeUndefined();
      await expectNothingLeft(cloud, index);
    }, 60_000);
  }
});
