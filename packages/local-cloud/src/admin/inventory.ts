import type { Cloud } from '../engine/cloud';
import type { RecordBase, VmRecord, VolumeRecord } from '../model/records';
import { shownPublicIp } from '../present/vm';

/** A VM in the inventory, with where its SSH server really listens. */
export interface VmInventoryEntry {
  vmId: string;
  state: string;
  imageId: string;
  /** The public IP the API shows (launch address, or a linked public IP). */
  publicIp?: string;
  privateIp: string;
  /** Every address builds may use to reach the VM on port 22 (public, linked, private). */
  sshAddresses: string[];
  /** Where the VM's SSH server listens; absent while the VM is not running. */
  ssh?: { host: string; port: number };
}

/** The live resources of one account: what an end-to-end test expects to be empty after a build. */
export interface AccountInventory {
  accountId: string;
  alias: string;
  vms: VmInventoryEntry[];
  volumes: { volumeId: string; state: string; vmId?: string }[];
  snapshots: { snapshotId: string; state: string }[];
  images: { imageId: string; name: string; state: string }[];
  keypairs: { keypairId: string; keypairName: string }[];
  /** Security groups besides the default ones every account and Net has. */
  securityGroups: { securityGroupId: string; securityGroupName: string }[];
  publicIps: { publicIpId: string; publicIp: string; vmId?: string }[];
  nets: { netId: string }[];
  subnets: { subnetId: string }[];
  imageExportTasks: { taskId: string; state: string }[];
}

/** What `GET /local-cloud/inventory` answers. */
export interface Inventory {
  accounts: AccountInventory[];
  /** How many resources all accounts hold (terminated VMs and default groups excluded). */
  liveResources: number;
}

/** The addresses a VM answers SSH on, port 22. */
export function sshAddresses(vm: VmRecord): string[] {
  return [vm.launchPublicIp, vm.linkedPublicIp, vm.privateIp].filter((ip): ip is string => ip !== undefined);
}

function vmEntry(vm: VmRecord): VmInventoryEntry {
  const ssh = vm.running?.ssh;
  return {
    vmId: vm.id,
    state: vm.state,
    imageId: vm.imageId,
    ...(shownPublicIp(vm) ? { publicIp: shownPublicIp(vm) } : {}),
    privateIp: vm.privateIp,
    sshAddresses: sshAddresses(vm),
    ...(ssh ? { ssh: { host: ssh.host, port: ssh.port } } : {}),
  };
}

// The host VM's root volume is the machine osc-packer runs on, not something a build created.
function isHostRoot(cloud: Cloud, volume: VolumeRecord): boolean {
  const vm = volume.link ? cloud.state.vms.get(volume.link.vmId) : undefined;
  return vm?.isHost === true && volume.link?.deviceName === vm.rootDeviceName;
}

/** Live resources per account, for leak checks: what is already being deleted does not count. */
export function inventory(cloud: Cloud): Inventory {
  const { state } = cloud;
  const owned = <T extends RecordBase>(records: Iterable<T>, accountId: string) =>
    [...records].filter((record) => record.accountId === accountId);
  const accounts = cloud.accounts.accounts.map((account): AccountInventory => {
    const id = account.accountId;
    return {
      accountId: id,
      alias: account.alias,
      vms: owned(state.vms.values(), id)
        .filter((vm) => vm.state !== 'terminated' && !vm.isHost)
        .map(vmEntry),
      volumes: owned(state.volumes.values(), id)
        .filter((v) => v.state !== 'deleting' && !isHostRoot(cloud, v))
        .map((v) => ({ volumeId: v.id, state: v.state, ...(v.link ? { vmId: v.link.vmId } : {}) })),
      snapshots: owned(state.snapshots.values(), id)
        .filter((s) => s.state !== 'deleting')
        .map((s) => ({ snapshotId: s.id, state: s.state })),
      images: owned(state.images.values(), id).map((i) => ({ imageId: i.id, name: i.name, state: i.state })),
      keypairs: owned(state.keypairs.values(), id).map((k) => ({ keypairId: k.id, keypairName: k.name })),
      securityGroups: owned(state.securityGroups.values(), id)
        .filter((g) => !g.isDefault)
        .map((g) => ({ securityGroupId: g.id, securityGroupName: g.name })),
      publicIps: owned(state.publicIps.values(), id).map((ip) => ({
        publicIpId: ip.id,
        publicIp: ip.address,
        ...(ip.link ? { vmId: ip.link.vmId } : {}),
      })),
      nets: owned(state.nets.values(), id).map((n) => ({ netId: n.id })),
      subnets: owned(state.subnets.values(), id).map((s) => ({ subnetId: s.id })),
      imageExportTasks: owned(state.imageExportTasks.values(), id).map((t) => ({ taskId: t.id, state: t.state })),
    };
  });
  const liveResources = accounts.reduce(
    (sum, a) =>
      sum +
      a.vms.length +
      a.volumes.length +
      a.snapshots.length +
      a.images.length +
      a.keypairs.length +
      a.securityGroups.length +
      a.publicIps.length +
      a.nets.length +
      a.subnets.length,
    0,
  );
  return { accounts, liveResources };
}

/**
 * Where SSH for `ip:port` really goes: the VM's SSH server, for port 22 of any of its addresses. A running
 * VM whose machine is down (rebooting, halted) keeps its endpoint, which refuses connections meanwhile.
 */
export function sshEndpointOf(cloud: Cloud, ip: string, port = 22): { host: string; port: number } | undefined {
  if (port !== 22) return undefined;
  for (const vm of cloud.state.vms.values()) {
    if (vm.state === 'terminated' || !sshAddresses(vm).includes(ip)) continue;
    if (vm.running) return { host: vm.running.ssh.host, port: vm.running.ssh.port };
    if (vm.state === 'running' && vm.launchPublicIp && vm.sshPort) return { host: vm.launchPublicIp, port: vm.sshPort };
  }
  return undefined;
}
