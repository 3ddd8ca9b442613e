import { isNotFoundError, OapiError, waitForImageAvailable, waitForVmState } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../local-cloud';
import { clientFor, quickWaits } from '../testing/test-client';
import { startTestCloud, testPublicKey } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

// The real oapi-client against every kind of injected fault and signature failure (machines in memory:
// these tests are about the API, the end-to-end ones boot real VMs).
let cloud: LocalCloud;
beforeAll(async () => {
  ({ cloud } = await startTestCloud());
});
afterAll(() => cloud.close());

async function failure(promise: Promise<unknown>): Promise<OapiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!OapiError.isInstance(error)) throw new Error(`expected an OapiError, got ${String(error)}`);
  return error;
}

describe('the real client against local-cloud', () => {
  it('is refused with AccessDenied code 1 for a bad secret, an unknown key and a skewed clock, and says why', async () => {
    const account = must(cloud.accounts[0]);
    const badSecret = clientFor(cloud, 0, { credentials: { accessKey: account.accessKey, secretKey: 'x'.repeat(40) } });
    const unknownKey = clientFor(cloud, 0, {
      credentials: { accessKey: 'ABCDEFGHIJ0123456789', secretKey: account.secretKey },
    });
    const skewed = clientFor(cloud, 0, { now: () => new Date(Date.now() - 10 * 60_000) });
    try {
      for (const client of [badSecret, unknownKey, skewed]) {
        const error = await failure(client.call('ReadVms', { DryRun: true }));
        expect(error).toMatchObject({ status: 401, code: '1', type: 'AccessDenied', retryable: false });
      }
      // 10 minutes behind, give or take the second the calls took.
      expect((await failure(skewed.call('ReadVms', {}))).hint).toMatch(/local clock is (10 min|9 min 5\d s)/);
      expect((await failure(badSecret.call('ReadVms', {}))).hint).toMatch(/Check the access key/);
    } finally {
      await Promise.all([badSecret.close(), unknownKey.close(), skewed.close()]);
    }
  });

  it('rides through throttling, 5xx answers and latency with its retries', async () => {
    const client = clientFor(cloud);
    try {
      cloud.faults.add({ operation: 'ReadImages', action: 'throttle', scope: 'call', times: 1 });
      cloud.faults.add({ operation: 'ReadImages', action: 'throttle', scope: 'account', times: 1 });
      cloud.faults.add({ operation: 'ReadImages', action: 'throttle', scope: 'platform', times: 1 });
      cloud.faults.add({ operation: 'ReadImages', action: 'server-error', status: 502, times: 1 });
      cloud.faults.add({ operation: 'ReadImages', action: 'latency', ms: 50, times: 1 });
      const images = await client.call('ReadImages', { Filters: { ImageNames: ['Debian-12-*'] } });
      expect(images.Images).toHaveLength(1);
      expect(client.stats).toMatchObject({ throttled: 3, retries: 4 });
    } finally {
      cloud.faults.clear();
      await client.close();
    }
  });

  it('creates one VM, not two, when the answer to CreateVms is lost (ClientToken)', async () => {
    const client = clientFor(cloud);
    try {
      cloud.faults.add({ operation: 'CreateVms', action: 'reset', phase: 'after', times: 1 });
      const created = await client.call('CreateVms', { ImageId: cloud.catalogImageId });
      const vmId = must(created.Vms?.[0]?.VmId);
      expect(cloud.inventory().accounts[0]?.vms.map((vm) => vm.vmId)).toEqual([vmId]);
      expect(cloud.stats().calls.CreateVms).toBe(2);
      await waitForVmState(client, vmId, 'running', quickWaits);
    } finally {
      cloud.faults.clear();
      await client.close();
    }
  });

  it('waits out "not found" right after a create', async () => {
    const client = clientFor(cloud);
    try {
      // A VM hidden for a minute: the client reads the answer to tagging it as "not found", however slowly.
      const long = cloud.faults.add({ resource: 'vm', action: 'not-found-after-create', ms: 60_000, times: 1 });
      const hidden = must((await client.call('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
      cloud.faults.remove(long);
      const error = await failure(
        client.call('CreateTags', { ResourceIds: [hidden], Tags: [{ Key: 'a', Value: 'b' }] }),
      );
      expect(isNotFoundError(error)).toBe(true);
      // Hidden for 300 ms: the waiters count "not found" as "not visible yet" until they see them.
      cloud.faults.add({ resource: ['vm', 'image'], action: 'not-found-after-create', ms: 300 });
      const vmId = must((await client.call('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
      await waitForVmState(client, vmId, 'running', { ...quickWaits, notFoundGraceMs: 5000 });
      const imageId = must(
        (await client.call('CreateImage', { VmId: vmId, ImageName: 'hidden-for-a-while' })).Image?.ImageId,
      );
      expect((await waitForImageAvailable(client, imageId, { ...quickWaits, notFoundGraceMs: 5000 })).State).toBe(
        'available',
      );
    } finally {
      cloud.faults.clear();
      await client.close();
    }
  });

  it('keeps accounts apart and shares what their owners share', async () => {
    const alice = clientFor(cloud, 0);
    const bob = clientFor(cloud, 1);
    try {
      const bobId = must(cloud.accounts[1]).accountId;
      await alice.call('CreateKeypair', { KeypairName: 'alice', PublicKey: testPublicKey() });
      const vmId = must(
        (await alice.call('CreateVms', { ImageId: cloud.catalogImageId, KeypairName: 'alice' })).Vms?.[0]?.VmId,
      );
      await waitForVmState(alice, vmId, 'running', quickWaits);
      expect((await bob.call('ReadVms', { Filters: { VmIds: [vmId] } })).Vms).toEqual([]);
      expect(isNotFoundError(await failure(bob.call('StopVms', { VmIds: [vmId] })))).toBe(true);
      expect(isNotFoundError(await failure(bob.call('CreateVms', { ImageId: vmId, KeypairName: 'alice' })))).toBe(true);
      const imageId = must(
        (await alice.call('CreateImage', { VmId: vmId, ImageName: 'for-bob', NoReboot: true })).Image?.ImageId,
      );
      await waitForImageAvailable(alice, imageId, quickWaits);
      await alice.call('UpdateImage', {
        ImageId: imageId,
        PermissionsToLaunch: { Additions: { AccountIds: [bobId] } },
      });
      const shared = await bob.readAll('ReadImages', { Filters: { AccountIds: [must(cloud.accounts[0]).accountId] } });
      expect(shared.map((image) => image.ImageId)).toEqual([imageId]);
      expect((await failure(bob.call('DeleteImage', { ImageId: imageId }))).status).toBe(401);
      const bobVm = must((await bob.call('CreateVms', { ImageId: imageId })).Vms?.[0]);
      expect(bobVm).toMatchObject({ ImageId: imageId, State: 'pending' });
      expect(bobVm.KeypairName).toBeUndefined();
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });
});
