import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OapiClient, waitForImageAvailable, waitForVmState, waitForVmTerminated } from '@osc-packer/oapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { clientFor, quickWaits } from '../testing/test-client';
import { must } from '../testing/typed-call';
import { connectToVm, runOnVm, sftpOf, sshSecurityGroup, transfer } from '../testing/vm-ssh';

// A build's whole path through local-cloud, with the real client and real, isolated VMs.
let cloud: LocalCloud;
let client: OapiClient;
let work: string;

beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'fast' });
  client = clientFor(cloud);
  work = mkdtempSync(join(tmpdir(), 'lc-e2e-'));
}, 60_000);
afterAll(async () => {
  await client?.close();
  await cloud?.close();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

const call: OapiClient['call'] = (operation, input, options) => client.call(operation, input, options);

async function launch(imageId: string, groupId: string): Promise<{ vmId: string; ip: string }> {
  const created = await call('CreateVms', {
    ImageId: imageId,
    KeypairName: 'e2e',
    VmType: 'tinav5.c1r1p2',
    SecurityGroupIds: [groupId],
  });
  const vmId = must(created.Vms?.[0]?.VmId);
  return { vmId, ip: must((await waitForVmState(client, vmId, 'running', quickWaits)).PublicIp) };
}

describe('a build against local-cloud with the real client and real VMs', () => {
  it('runs commands and moves files over SSH, keeps what the VM wrote in an OMI, and boots a second VM from it', async () => {
    const privateKey = must((await call('CreateKeypair', { KeypairName: 'e2e' })).Keypair?.PrivateKey);
    const groupId = await sshSecurityGroup(client);
    const first = await launch(cloud.catalogImageId, groupId);
    const ssh = await connectToVm(cloud, first.ip, privateKey);
    expect(await runOnVm(ssh, 'id -un; sudo -n id -u; hostname')).toMatch(/^outscale\n0\nip-/);
    const payload = randomBytes(4 * 1024 * 1024);
    writeFileSync(join(work, 'payload'), payload);
    const sftp = await sftpOf(ssh);
    await transfer((done) => sftp.fastPut(join(work, 'payload'), '/home/outscale/payload', done));
    const digest = createHash('sha256').update(payload).digest('hex');
    expect(await runOnVm(ssh, 'sha256sum < ~/payload')).toContain(digest);
    await runOnVm(
      ssh,
      'sudo mkdir -p /opt/app && sudo mv ~/payload /opt/app/ && echo provisioned | sudo tee /etc/built-by-e2e',
    );
    await transfer((done) => sftp.fastGet('/etc/built-by-e2e', join(work, 'marker'), done));
    expect(readFileSync(join(work, 'marker'), 'utf8')).toBe('provisioned\n');
    ssh.end();

    await call('StopVms', { VmIds: [first.vmId] });
    await waitForVmState(client, first.vmId, 'stopped', quickWaits);
    const imageId = must((await call('CreateImage', { VmId: first.vmId, ImageName: 'e2e-image' })).Image?.ImageId);
    const image = await waitForImageAvailable(client, imageId, quickWaits);
    await call('DeleteVms', { VmIds: [first.vmId] });

    const second = await launch(imageId, groupId);
    const again = await connectToVm(cloud, second.ip, privateKey);
    expect(await runOnVm(again, 'cat /etc/built-by-e2e; stat -c %s /opt/app/payload')).toBe(
      `provisioned\n${payload.length}\n`,
    );
    const dropped = new Promise<void>((resolve) => again.once('close', () => resolve()));
    expect(cloud.faults.dropSshConnections(second.vmId)).toBe(1);
    await dropped;
    await call('DeleteVms', { VmIds: [second.vmId] });
    await waitForVmTerminated(client, second.vmId, quickWaits);
    await waitForVmTerminated(client, first.vmId, quickWaits);
    await call('DeleteImage', { ImageId: imageId });
    for (const mapping of image.BlockDeviceMappings ?? []) {
      await call('DeleteSnapshot', { SnapshotId: must(mapping.Bsu?.SnapshotId) });
    }
    await call('DeleteKeypair', { KeypairName: 'e2e' });
    await call('DeleteSecurityGroup', { SecurityGroupId: groupId });
    expect(cloud.inventory().liveResources).toBe(0);
  }, 120_000);
});
