import type { Vm } from '@osc-packer/oapi-client';
import type { sshInterfaces } from '../config/network-block';

/** `ssh_interface`. */
export type SshInterface = (typeof sshInterfaces)[number];

const fields = {
  public_ip: 'PublicIp',
  private_ip: 'PrivateIp',
  public_dns: 'PublicDnsName',
  private_dns: 'PrivateDnsName',
} as const satisfies Record<SshInterface, keyof Vm>;

/** The address to connect to, or why there is none (naming the fields that were empty). */
export type SshAddress = { host: string; why: string } | { host: undefined; problem: string };

function firstOf(vm: Vm, names: readonly (keyof typeof fields)[], why: string): SshAddress {
  for (const name of names) {
    const value = vm[fields[name]];
    if (typeof value === 'string' && value !== '') return { host: value, why: `${why}: ${fields[name]}` };
  }
  const empty = names.map((name) => fields[name]).join(', ');
  return { host: undefined, problem: `${why}, but ${empty} ${names.length > 1 ? 'are' : 'is'} empty` };
}

/**
 * Where to reach the VM (reference §2.1.6, with its defects fixed): `ssh_host` wins (the Go plugin ignored
 * it); then `ssh_interface`; in a Net the public IP if any, else the private IP; outside a Net the public IP,
 * then the public DNS name (the Go plugin used the name only: the IP is what it resolves to, and needs no
 * DNS), then the private IP. When nothing is found the problem says which fields were empty and why they
 * were the ones looked at.
 */
export function sshAddress(
  vm: Vm,
  config: { sshHost?: string | undefined; sshInterface?: SshInterface | undefined },
): SshAddress {
  if (config.sshHost) return { host: config.sshHost, why: 'ssh_host is set' };
  if (config.sshInterface) {
    return firstOf(vm, [config.sshInterface], `ssh_interface is ${config.sshInterface}`);
  }
  if (vm.NetId) return firstOf(vm, ['public_ip', 'private_ip'], `the VM is in Net ${vm.NetId}`);
  return firstOf(vm, ['public_ip', 'public_dns', 'private_ip'], 'the VM is not in a Net');
}

/** What to change when no address was found. */
export function addressAdvice(vm: Vm): string {
  return vm.NetId
    ? 'set associate_public_ip_address: true for a public IP, or make sure this machine can reach the private IP (ssh_interface: private_ip)'
    : 'set ssh_host or ssh_interface';
}
