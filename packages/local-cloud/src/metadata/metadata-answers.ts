import type { Cloud } from '../engine/cloud';
import { linkedVolumes, vmHostname } from '../engine/vm-lifecycle';
import type { VmRecord } from '../model/records';
import { shownPublicIp } from '../present/vm';

type Entry = string | ((vm: VmRecord) => string | undefined);

// What a VM reads at http://169.254.169.254/latest/meta-data/<category>; a listing ends with '/'.
function categories(cloud: Cloud): Record<string, Entry> {
  return {
    'ami-id': (vm) => vm.imageId,
    'ami-launch-index': (vm) => String(vm.launchNumber),
    hostname: (vm) => `${vmHostname(vm)}.${cloud.region}.compute.internal`,
    'instance-id': (vm) => vm.id,
    'instance-type': (vm) => vm.vmType,
    'local-hostname': (vm) => `${vmHostname(vm)}.${cloud.region}.compute.internal`,
    'local-ipv4': (vm) => vm.privateIp,
    mac: (vm) => vm.macAddress,
    'placement/availability-zone': (vm) => vm.subregionName,
    'placement/region': () => cloud.region,
    'public-hostname': (vm) => {
      const ip = shownPublicIp(vm);
      return ip ? `ows-${ip.replaceAll('.', '-')}.${cloud.region}.compute.outscale.com` : undefined;
    },
    'public-ipv4': (vm) => shownPublicIp(vm),
    'public-keys/0/openssh-key': (vm) => vm.authorizedKeys[0],
    'reservation-id': (vm) => vm.reservationId,
    'security-groups': (vm) =>
      vm.securityGroupIds.map((id) => cloud.state.securityGroups.get(id)?.name ?? id).join('\n'),
  };
}

function listing(paths: readonly string[], prefix: string): string | undefined {
  const children = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    children.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  return children.size === 0 ? undefined : [...children].sort().join('\n');
}

/** The answer to `GET /latest/<path>` for a VM, or undefined for 404. */
export function metadataAnswer(cloud: Cloud, vm: VmRecord, path: string): string | undefined {
  if (path === 'user-data')
    return vm.userData === undefined ? undefined : Buffer.from(vm.userData, 'base64').toString('utf8');
  if (path === '' || path === '/') return 'meta-data/\nuser-data';
  if (!path.startsWith('meta-data/')) return undefined;
  const category = path.slice('meta-data/'.length);
  const table = categories(cloud);
  const devices = linkedVolumes(cloud, vm).flatMap((volume) => (volume.link ? [volume.link.deviceName] : []));
  const mapping: Record<string, string> = { ami: vm.rootDeviceName, root: vm.rootDeviceName };
  devices
    .filter((d) => d !== vm.rootDeviceName)
    .forEach((device, index) => {
      mapping[`ebs${index + 1}`] = device;
    });
  for (const [name, device] of Object.entries(mapping)) table[`block-device-mapping/${name}`] = device;
  for (const [key, value] of vm.tags) table[`tags/instance/${key}`] = value;
  const paths = Object.keys(table).filter((name) => {
    const entry = table[name];
    return typeof entry === 'string' || entry?.(vm) !== undefined;
  });
  // The key listing names the keypair (`0=<name>`), as on Outscale and EC2.
  if (category === 'public-keys/' || category === 'public-keys')
    return vm.keypairName ? `0=${vm.keypairName}` : undefined;
  if (category.endsWith('/') || category === '') return listing(paths, category);
  const entry = table[category];
  if (entry === undefined) return listing(paths, `${category}/`);
  return typeof entry === 'string' ? entry : entry(vm);
}
