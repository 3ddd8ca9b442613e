import type { SecurityGroupRuleRecord, VmRecord } from '../model/records';
import type { Cloud } from './cloud';

const sshPort = 22;
// A dropped connection is retried by clients every few seconds: say it once in a while, not every time.
const logEveryMs = 30_000;
const lastLogged = new WeakMap<VmRecord, number>();

function coversSsh(rule: SecurityGroupRuleRecord): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  return (rule.fromPort ?? 0) <= sshPort && sshPort <= (rule.toPort ?? 65535);
}

function ipv4(text: string): number | undefined {
  const octets = text.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

// Host bits of a range (`10.0.0.7/24`) are ignored, as a firewall masks them.
function fromRange(range: string, address: string): boolean {
  const [base = '', bits = ''] = range.split('/');
  const network = ipv4(base);
  const client = ipv4(address);
  const prefix = Number(bits);
  if (network === undefined || client === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    return false;
  }
  const size = 2 ** (32 - prefix);
  return Math.floor(network / size) === Math.floor(client / size);
}

// A rule naming a group lets in the VMs of that group, recognised by their addresses.
function fromMemberVm(cloud: Cloud, groupId: string, address: string): boolean {
  for (const vm of cloud.state.vms.values()) {
    if (vm.state === 'terminated' || !vm.securityGroupIds.includes(groupId)) continue;
    if ([vm.privateIp, vm.launchPublicIp, vm.linkedPublicIp].includes(address)) return true;
  }
  return false;
}

/**
 * Whether the VM's security groups let a new SSH connection from `client` in: an inbound rule for TCP
 * (or every protocol) whose port range covers 22 and whose IP range holds the client's address (on
 * loopback, 127.0.0.1), or that names a group holding the VM the connection comes from. Rules are read at
 * each connection, so changes apply to the next one, as on Outscale. Always true when the cloud does not
 * enforce security groups.
 */
export function admitsSsh(cloud: Cloud, vm: VmRecord, client: { address: string }): boolean {
  if (!cloud.enforceSecurityGroups) return true;
  const address = client.address.replace(/^::ffff:/, '');
  for (const groupId of vm.securityGroupIds) {
    const group = cloud.state.securityGroups.get(groupId);
    for (const rule of group?.inbound ?? []) {
      if (!coversSsh(rule)) continue;
      if (rule.ipRanges.some((range) => fromRange(range, address))) return true;
      if (rule.members.some((member) => fromMemberVm(cloud, member.securityGroupId, address))) return true;
    }
  }
  const now = cloud.now().getTime();
  if (now - (lastLogged.get(vm) ?? 0) >= logEveryMs) {
    lastLogged.set(vm, now);
    cloud.log.info(
      `dropped SSH connections to ${vm.id} from ${address}: no inbound rule of its security groups ` +
        `(${vm.securityGroupIds.join(', ')}) allows tcp/22 from ${address} (as Outscale would: clients time out)`,
    );
  }
  return false;
}
