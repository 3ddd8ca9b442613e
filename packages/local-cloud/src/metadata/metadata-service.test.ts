import { readMetadataRegion } from '@osc-packer/osc-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

let t: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  t = await startTestCloud({ metadata: { hostVm: true } });
});
afterAll(() => t.cloud.close());

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(path, must(t.cloud.metadataUrl)));
  return { status: response.status, text: await response.text() };
}

describe('the VM metadata service', () => {
  it("gives osc-auth the host VM's region", async () => {
    expect(await readMetadataRegion({ baseUrl: t.cloud.metadataUrl })).toMatchObject({
      region: 'eu-west-2',
      subregion: 'eu-west-2a',
    });
  });

  it('describes the host VM, which the API shows running in the first account', async () => {
    const hostId = must(t.cloud.metadataVmId);
    expect(await get('/latest/meta-data/instance-id')).toEqual({ status: 200, text: hostId });
    const vm = must((await t.alice('ReadVms', { Filters: { VmIds: [hostId] } })).Vms?.[0]);
    expect(vm.State).toBe('running');
    expect((await get('/latest/meta-data/placement/availability-zone')).text).toBe(vm.Placement?.SubregionName);
    expect((await get('/latest/meta-data/local-ipv4')).text).toBe(vm.PrivateIp);
    expect((await get('/latest/meta-data/block-device-mapping/root')).text).toBe('/dev/sda1');
    const listing = (await get('/latest/meta-data/')).text.split('\n');
    expect(listing).toEqual(expect.arrayContaining(['instance-id', 'placement/', 'block-device-mapping/', 'ami-id']));
    expect((await get('/latest/meta-data/nothing-here')).status).toBe(404);
    expect((await get('/latest/user-data')).status).toBe(404);
    // The host VM is the machine local-cloud runs on, not a leak of the build.
    expect(t.cloud.inventory().accounts[0]?.vms).toEqual([]);
  });

  it('can describe any VM, with its user data, tags and keypair', async () => {
    const { alice, cloud } = t;
    const vmId = must(
      (
        await alice('CreateVms', {
          ImageId: cloud.catalogImageId,
          UserData: Buffer.from('#cloud-config\n').toString('base64'),
        })
      ).Vms?.[0]?.VmId,
    );
    await alice('CreateTags', { ResourceIds: [vmId], Tags: [{ Key: 'Name', Value: 'builder' }] });
    await until(
      () => alice('ReadVms', { Filters: { VmIds: [vmId] } }),
      (a) => a.Vms?.[0]?.State === 'running',
    );
    cloud.metadataVmId = vmId;
    expect((await get('/latest/meta-data/instance-id')).text).toBe(vmId);
    expect((await get('/latest/user-data')).text).toBe('#cloud-config\n');
    expect((await get('/latest/meta-data/tags/instance/Name')).text).toBe('builder');
    expect((await get('/latest/meta-data/public-ipv4')).text).toMatch(/^127\.64\./);
  });
});

describe('admin endpoints', () => {
  it('reports live resources per account and where each VM answers SSH', async () => {
    const { cloud, alice } = t;
    const vmId = must((await alice('CreateVms', { ImageId: cloud.catalogImageId })).Vms?.[0]?.VmId);
    const vm = await until(
      async () => must((await alice('ReadVms', { Filters: { VmIds: [vmId] } })).Vms?.[0]),
      (v) => v.State === 'running',
    );
    const base = cloud.endpoint.replace('/api/v1', '');
    const inventory = (await (await fetch(`${base}/local-cloud/inventory`)).json()) as ReturnType<
      typeof cloud.inventory
    >;
    const entry = inventory.accounts[0]?.vms.find((v) => v.vmId === vmId);
    expect(entry).toMatchObject({ state: 'running', publicIp: vm.PublicIp, ssh: { host: vm.PublicIp, port: 22 } });
    expect(inventory.accounts[1]).toMatchObject({ alias: 'local-2', vms: [] });
    expect(cloud.sshEndpoint(must(vm.PublicIp))).toEqual({ host: vm.PublicIp, port: 22 });
    expect(cloud.sshEndpoint(must(vm.PrivateIp), 22)).toEqual({ host: vm.PublicIp, port: 22 });
    expect(cloud.sshEndpoint(must(vm.PublicIp), 2222)).toBeUndefined();
    const endpoints = (await (await fetch(`${base}/local-cloud/ssh-endpoints`)).json()) as {
      endpoints: { vmId: string }[];
    };
    expect(endpoints.endpoints.map((e) => e.vmId)).toContain(vmId);
  });
});
