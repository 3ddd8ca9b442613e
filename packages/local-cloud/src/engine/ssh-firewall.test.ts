import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, until } from '../testing/test-cloud';
import { must } from '../testing/typed-call';

// Which connections a VM's security groups let reach its SSH server (the drop itself, with a real VM, is in
// e2e/ssh-firewall.test.ts).
let t: Awaited<ReturnType<typeof startTestCloud>>;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.cloud.close());

async function group(name: string): Promise<string> {
  const created = await t.alice('CreateSecurityGroup', { SecurityGroupName: name, Description: name });
  return must(created.SecurityGroup?.SecurityGroupId);
}

async function admission(groupIds: string[]) {
  const created = await t.alice('CreateVms', { ImageId: t.cloud.catalogImageId, SecurityGroupIds: groupIds });
  const vmId = must(created.Vms?.[0]?.VmId);
  const launch = await until(
    async () => t.machines.log.started.find((started) => started.vmId === vmId),
    (found) => found !== undefined,
  );
  return (address: string) => must(launch?.admitSsh)({ address, port: 40000 });
}

const rule = (groupId: string, fields: Record<string, unknown>) =>
  t.alice('CreateSecurityGroupRule', { SecurityGroupId: groupId, Flow: 'Inbound', ...fields });

describe('security groups in front of SSH', () => {
  it('admits only what an inbound rule for tcp/22 from the client address allows, rule changes included', async () => {
    const web = await group('web');
    const admin = await group('admin');
    const admits = await admission([web, admin]);
    expect(admits('127.0.0.1')).toBe(false);
    await rule(web, { IpProtocol: 'tcp', FromPortRange: 80, ToPortRange: 443, IpRange: '0.0.0.0/0' });
    await rule(admin, { IpProtocol: 'udp', FromPortRange: 22, ToPortRange: 22, IpRange: '0.0.0.0/0' });
    await rule(admin, { IpProtocol: 'tcp', FromPortRange: 22, ToPortRange: 22, IpRange: '10.0.0.0/8' });
    expect(admits('127.0.0.1')).toBe(false);
    expect(admits('10.1.2.3')).toBe(true);
    await rule(admin, { IpProtocol: 'tcp', FromPortRange: 20, ToPortRange: 30, IpRange: '127.0.0.7/8' });
    expect(admits('127.0.0.1')).toBe(true);
    expect(admits('::ffff:127.0.0.1')).toBe(true);
    await t.alice('DeleteSecurityGroupRule', {
      SecurityGroupId: admin,
      Flow: 'Inbound',
      IpProtocol: 'tcp',
      FromPortRange: 20,
      ToPortRange: 30,
      IpRange: '127.0.0.7/8',
    });
    expect(admits('127.0.0.1')).toBe(false);
    await rule(web, { IpProtocol: '-1', IpRange: '127.0.0.1/32' });
    expect(admits('127.0.0.1')).toBe(true);
    expect(admits('127.0.0.2')).toBe(false);
  });

  it('lets everything in when the cloud does not enforce security groups', async () => {
    const open = await startTestCloud({ enforceSecurityGroups: false });
    try {
      const created = await open.alice('CreateVms', { ImageId: open.cloud.catalogImageId });
      const vmId = must(created.Vms?.[0]?.VmId);
      const launch = await until(
        async () => open.machines.log.started.find((started) => started.vmId === vmId),
        (found) => found !== undefined,
      );
      expect(must(launch?.admitSsh)({ address: '127.0.0.1', port: 40000 })).toBe(true);
    } finally {
      await open.cloud.close();
    }
  });
});
