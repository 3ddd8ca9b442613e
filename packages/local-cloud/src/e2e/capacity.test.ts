import type { OapiClient } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { clientFor } from '../testing/test-client';
import { until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';
import { connectToVm, runOnVm, sshSecurityGroup } from '../testing/vm-ssh';

let cloud: LocalCloud;
let client: OapiClient;
beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'instant' });
  client = clientFor(cloud);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await cloud?.close();
}, 60_000);

const call: OapiClient['call'] = (operation, input, options) => client.call(operation, input, options);

describe('capacity', () => {
  it('holds 20 VMs at once, each answering SSH', async () => {
    const privateKey = must((await call('CreateKeypair', { KeypairName: 'many' })).Keypair?.PrivateKey);
    const groupId = await sshSecurityGroup(client);
    const created = await call('CreateVms', {
      ImageId: cloud.catalogImageId,
      KeypairName: 'many',
      SecurityGroupIds: [groupId],
      MinVmsCount: 20,
      MaxVmsCount: 20,
    });
    const vmIds = (created.Vms ?? []).map((vm) => must(vm.VmId));
    expect(vmIds).toHaveLength(20);
    const running = await until(
      async () => (await call('ReadVms', { Filters: { VmIds: vmIds, VmStateNames: ['running'] } })).Vms ?? [],
      (vms) => vms.length === 20,
      60_000,
    );
    expect(new Set(running.map((vm) => vm.PublicIp)).size).toBe(20);
    const hostnames = await Promise.all(
      running.map(async (vm) => {
        const ssh = await connectToVm(cloud, must(vm.PublicIp), privateKey);
        try {
          return (await runOnVm(ssh, 'hostname')).trim();
        } finally {
          ssh.end();
        }
      }),
    );
    expect(hostnames).toEqual(running.map((vm) => `ip-${must(vm.PrivateIp).replaceAll('.', '-')}`));
    await call('DeleteVms', { VmIds: vmIds });
    await until(
      async () => (await call('ReadVms', { Filters: { VmIds: vmIds, VmStateNames: ['terminated'] } })).Vms ?? [],
      (vms) => vms.length === 20,
      60_000,
    );
    expect(cloud.inventory().accounts[0]?.vms).toEqual([]);
    await call('DeleteSecurityGroup', { SecurityGroupId: groupId });
  }, 120_000);
});
