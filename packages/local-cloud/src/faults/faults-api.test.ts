import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signer, signedCall } from '../testing/signed-call';
import { startTestCloud, until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

let t: Awaited<ReturnType<typeof startTestCloud>>;
let signer: Signer;
beforeAll(async () => {
  t = await startTestCloud();
  const account = must(t.cloud.accounts[0]);
  signer = { accessKey: account.accessKey, secretKey: account.secretKey, region: t.cloud.region };
});
afterAll(() => t.cloud.close());

const raw = (operation: string, body: unknown = {}) => signedCall(t.cloud.endpoint, operation, body, signer);

describe('injected faults', () => {
  it('throttles with the real statuses, codes and bodies', async () => {
    const { faults } = t.cloud;
    faults.add({ operation: 'ReadVms', action: 'throttle', scope: 'call', times: 1 });
    faults.add({ operation: 'ReadImages', action: 'throttle', scope: 'account', times: 1 });
    faults.add({ resource: 'volume', action: 'throttle', scope: 'platform', times: 1 });
    const expectThrottle = async (operation: string, status: number, code: string) => {
      const answer = await raw(operation);
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({
        Errors: [{ Code: code, Type: 'AccessDenied', Details: 'Request rate exceeded.' }],
        ResponseContext: { RequestId: expect.any(String) },
      });
      expect((await raw(operation)).status).toBe(200);
    };
    await expectThrottle('ReadVms', 429, '25');
    await expectThrottle('ReadImages', 429, '24');
    await expectThrottle('ReadVolumes', 503, '6');
    faults.clear();
  });

  it('answers 5xx as the API (JSON) and as its load balancer (HTML) does', async () => {
    t.cloud.faults.add({ operation: 'ReadSnapshots', action: 'server-error', status: 500, times: 1 });
    t.cloud.faults.add({ operation: 'ReadSnapshots', action: 'server-error', status: 502, times: 1 });
    const internal = await raw('ReadSnapshots');
    expect(internal).toMatchObject({ status: 500, body: { Errors: [{ Type: 'InternalError' }] } });
    const gateway = await raw('ReadSnapshots');
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect((await raw('ReadSnapshots')).status).toBe(200);
  });

  it('adds latency', async () => {
    const id = t.cloud.faults.add({ operation: 'ReadKeypairs', action: 'latency', ms: 150 });
    const started = performance.now();
    expect((await raw('ReadKeypairs')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    t.cloud.faults.remove(id);
  });

  it('resets connections before a call is handled, or after it was done (the answer is lost)', async () => {
    const { cloud } = t;
    cloud.faults.add({ operation: 'CreateVolume', action: 'reset', phase: 'before', times: 1 });
    cloud.faults.add({ operation: 'CreateVolume', action: 'reset', phase: 'after', times: 1 });
    const body = { SubregionName: `${cloud.region}a`, Size: 1, ClientToken: 'retry-me' };
    await expect(raw('CreateVolume', body)).rejects.toThrow();
    expect(cloud.inventory().accounts[0]?.volumes).toHaveLength(0);
    await expect(raw('CreateVolume', body)).rejects.toThrow();
    expect(cloud.inventory().accounts[0]?.volumes).toHaveLength(1);
    // The client retries with the same token and gets the volume the lost answer described.
    const retried = await raw('CreateVolume', body);
    expect(retried.status).toBe(200);
    expect((retried.body.Volume as { VolumeId: string }).VolumeId).toBe(
      cloud.inventory().accounts[0]?.volumes[0]?.volumeId,
    );
  });

  it('hides new resources for a while ("not found" after creation)', async () => {
    const { cloud, alice } = t;
    // Hidden for a minute: the reads below see it hidden however slowly a loaded machine runs them.
    const long = cloud.faults.add({ resource: 'vm', action: 'not-found-after-create', ms: 60_000, times: 1 });
    const hidden = must((await alice('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
    cloud.faults.remove(long);
    expect((await alice('ReadVms', { Filters: { VmIds: [hidden] } })).Vms).toEqual([]);
    const tagged = await alice('CreateTags', { ResourceIds: [hidden], Tags: [{ Key: 'k', Value: 'v' }] }, 400);
    expect(tagged).toMatchObject({ Errors: [{ Code: '5063', Type: 'InvalidResource' }] });
    // Hidden for 50 ms: it shows up on its own.
    const short = cloud.faults.add({ resource: 'vm', action: 'not-found-after-create', ms: 50, times: 1 });
    const shown = must((await alice('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
    cloud.faults.remove(short);
    await until(
      () => alice('ReadVms', { Filters: { VmIds: [shown] } }),
      (a) => a.Vms?.length === 1,
    );
  });

  it('keeps names unique while a new image or keypair is not yet visible, so a retried create is refused', async () => {
    const { cloud, alice } = t;
    const id = cloud.faults.add({ resource: ['image', 'keypair'], action: 'not-found-after-create', ms: 60_000 });
    const vmId = must((await alice('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
    await alice('CreateImage', { VmId: vmId, ImageName: 'invisible-twin' });
    expect(await alice('CreateImage', { VmId: vmId, ImageName: 'invisible-twin' }, 409)).toMatchObject({
      Errors: [{ Code: '9015' }],
    });
    await alice('CreateKeypair', { KeypairName: 'invisible-twin' });
    expect(await alice('CreateKeypair', { KeypairName: 'invisible-twin' }, 409)).toMatchObject({
      Errors: [{ Code: '9011' }],
    });
    cloud.faults.remove(id);
  });

  it('drops the SSH connections of VMs a while after they run', async () => {
    const { cloud, alice, machines } = t;
    cloud.faults.add({ resource: 'vm', action: 'ssh-disconnect', ms: 50, times: 1 });
    const vmId = must((await alice('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
    await until(
      async () => machines.log.dropped,
      (dropped) => dropped.includes(vmId),
      2000,
    );
    expect(cloud.faults.dropSshConnections(vmId)).toBe(1);
  });

  it('takes rules over HTTP and counts calls per operation', async () => {
    const base = t.cloud.endpoint.replace('/api/v1', '');
    const added = await fetch(`${base}/local-cloud/faults`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ operation: 'ReadNets', action: 'throttle', times: 1 }] }),
    });
    expect(added.status).toBe(200);
    expect((await raw('ReadNets')).status).toBe(429);
    const refused = await fetch(`${base}/local-cloud/faults`, {
      method: 'POST',
      body: JSON.stringify({ action: 'explode' }),
    });
    expect(refused.status).toBe(400);
    const stats = (await (await fetch(`${base}/local-cloud/stats`)).json()) as {
      calls: Record<string, number>;
      faults: Record<string, number>;
    };
    expect(stats.calls.ReadNets).toBe(1);
    expect(stats.faults.throttle).toBeGreaterThanOrEqual(4);
    expect(t.cloud.stats().calls.ReadVms).toBeGreaterThanOrEqual(2);
  });
});
