import { type OapiClient, waitForVmState } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { clientFor, quickWaits } from '../testing/test-client';
import { must } from '../testing/typed-call';
import { connectToVm, runOnVm } from '../testing/vm-ssh';

let cloud: LocalCloud;
let client: OapiClient;
const logged: string[] = [];
beforeAll(async () => {
  cloud = await startLocalCloud({
    timing: 'instant',
    logger: { info: (line) => logged.push(line), warn: (line) => logged.push(line) },
  });
  client = clientFor(cloud);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await cloud?.close();
}, 60_000);

describe('a VM behind its security groups', () => {
  it('drops SSH connections no inbound rule allows, at once, and takes them when a rule is added', async () => {
    const privateKey = must((await client.call('CreateKeypair', { KeypairName: 'fw' })).Keypair?.PrivateKey);
    const groupId = must(
      (await client.call('CreateSecurityGroup', { SecurityGroupName: 'closed', Description: 'no SSH yet' }))
        .SecurityGroup?.SecurityGroupId,
    );
    const vmId = must(
      (
        await client.call('CreateVms', {
          ImageId: cloud.catalogImageId,
          KeypairName: 'fw',
          SecurityGroupIds: [groupId],
        })
      ).Vms?.[0]?.VmId,
    );
    const ip = must((await waitForVmState(client, vmId, 'running', quickWaits)).PublicIp);
    const started = Date.now();
    await expect(connectToVm(cloud, ip, privateKey)).rejects.toThrow(/before handshake|ECONNRESET|closed/i);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(logged.join('\n')).toContain(`dropped SSH connections to ${vmId} from 127.0.0.1`);

    await client.call('CreateSecurityGroupRule', {
      SecurityGroupId: groupId,
      Flow: 'Inbound',
      IpProtocol: 'tcp',
      FromPortRange: 22,
      ToPortRange: 22,
      IpRange: '127.0.0.0/8',
    });
    const ssh = await connectToVm(cloud, ip, privateKey);
    expect(await runOnVm(ssh, 'echo in')).toBe('in\n');
    ssh.end();
    await client.call('DeleteVms', { VmIds: [vmId] });
  }, 60_000);
});
