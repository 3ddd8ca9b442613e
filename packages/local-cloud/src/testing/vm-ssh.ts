import type { OapiClient } from '@osc-packer/oapi-client';
import { Client, type SFTPWrapper } from 'ssh2';
import type { LocalCloud } from '../local-cloud';
import { retainNativeCiphers } from '../ssh/retain-native-ciphers';
import { must } from './typed-call';
import { exec } from './vm-harness';

/** Connects as `outscale` to the VM behind `ip:22`, wherever its SSH server really listens. */
export async function connectToVm(cloud: LocalCloud, ip: string, privateKey: string): Promise<Client> {
  const endpoint = must(cloud.sshEndpoint(ip, 22), `SSH endpoint of ${ip}`);
  const ssh = new Client();
  await new Promise<void>((resolve, reject) => {
    ssh.once('ready', () => resolve()).once('error', reject);
    ssh.connect({ host: endpoint.host, port: endpoint.port, username: 'outscale', privateKey });
    // The client's side runs in the test process too (see retain-native-ciphers.ts).
    retainNativeCiphers(ssh);
  });
  return ssh;
}

/** Runs a command and returns its stdout; a non-zero exit fails with its stderr. */
export async function runOnVm(ssh: Client, command: string): Promise<string> {
  const result = await exec(ssh, command);
  if (result.code !== 0) throw new Error(`${command}: exit ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** The SFTP session of a connection. */
export function sftpOf(ssh: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => ssh.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
}

/** Awaits an ssh2 callback-style transfer (`fastPut`, `fastGet`). */
export function transfer(act: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => act((error) => (error ? reject(error) : resolve())));
}

/**
 * A security group letting SSH in from anywhere, as Packer's temporary group does (local-cloud enforces
 * security groups on SSH, and an account's default group has no inbound rule). Returns its id.
 */
export async function sshSecurityGroup(client: OapiClient, name = 'ssh-from-anywhere'): Promise<string> {
  const created = await client.call('CreateSecurityGroup', { SecurityGroupName: name, Description: 'SSH' });
  const groupId = must(created.SecurityGroup?.SecurityGroupId);
  await client.call('CreateSecurityGroupRule', {
    SecurityGroupId: groupId,
    Flow: 'Inbound',
    IpProtocol: 'tcp',
    FromPortRange: 22,
    ToPortRange: 22,
    IpRange: '0.0.0.0/0',
  });
  return groupId;
}
