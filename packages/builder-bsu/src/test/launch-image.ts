import { connectSsh } from '@osc-packer/builder-core';
import { collectOutput } from '@osc-packer/builder-core/test';
import type { LocalCloud } from '@osc-packer/local-cloud';
import { createOapiClient, type OapiClient, waitForVmState } from '@osc-packer/oapi-client';
import { deleteKeypair, deleteSecurityGroup, deleteVm, deleteVolume } from '@osc-packer/osc-steps';
import { testWaiter } from './bsu-test-kit';

/** A client of an account of the local cloud (for assertions). */
export function clientOf(cloud: LocalCloud, accountIndex = 0): OapiClient {
  const account = cloud.accounts[accountIndex];
  if (!account) throw new Error(`no account #${accountIndex}`);
  return createOapiClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKey: account.accessKey, secretKey: account.secretKey },
    rateLimit: false,
  });
}

/**
 * Launches a VM of `imageId` in the client's account, runs `command` on it over SSH as `outscale`, and
 * deletes everything it made (VM, key pair, volumes). Returns the command's standard output.
 */
export async function runOnImage(
  cloud: LocalCloud,
  client: OapiClient,
  imageId: string,
  command: string,
): Promise<string> {
  const name = `check-${Math.random().toString(36).slice(2, 10)}`;
  const { Keypair } = await client.call('CreateKeypair', { KeypairName: name });
  const env = { client, waiter: testWaiter };
  let vmId: string | undefined;
  let groupId: string | undefined;
  try {
    // The account's default group lets no SSH in (local-cloud enforces security groups, as Outscale does).
    const { SecurityGroup } = await client.call('CreateSecurityGroup', { SecurityGroupName: name, Description: name });
    groupId = SecurityGroup?.SecurityGroupId ?? '';
    await client.call('CreateSecurityGroupRule', {
      SecurityGroupId: groupId,
      Flow: 'Inbound',
      IpProtocol: 'tcp',
      FromPortRange: 22,
      ToPortRange: 22,
      IpRange: '0.0.0.0/0',
    });
    const { Vms = [] } = await client.call('CreateVms', {
      ImageId: imageId,
      KeypairName: name,
      VmType: 'tinav5.c1r1p2',
      SecurityGroupIds: [groupId],
    });
    vmId = Vms[0]?.VmId ?? '';
    const vm = await waitForVmState(client, vmId, 'running', testWaiter);
    const endpoint = cloud.sshEndpoint(vm.PublicIp ?? '', 22);
    if (!endpoint) throw new Error(`no SSH endpoint for ${vm.PublicIp}`);
    const ssh = await connectSsh({
      host: endpoint.host,
      port: endpoint.port,
      username: 'outscale',
      privateKeys: [{ key: Keypair?.PrivateKey ?? '' }],
      timeoutMs: 30_000,
    });
    const out = collectOutput();
    try {
      await ssh.exec({ command, stdout: out.stream });
    } finally {
      await ssh.close();
    }
    return out.text();
  } finally {
    if (vmId) {
      const volumes = await client.readAll('ReadVolumes', { Filters: { LinkVolumeVmIds: [vmId] } });
      await deleteVm(env, vmId);
      for (const volume of volumes) await deleteVolume(env, volume.VolumeId ?? '');
    }
    if (groupId) await deleteSecurityGroup(env, groupId);
    await deleteKeypair(env, name);
  }
}
