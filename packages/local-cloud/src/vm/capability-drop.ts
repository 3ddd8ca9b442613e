import { runCommand } from '../runtime/run-command';

// What a VM's root never needs and the host must keep: loading modules, raw I/O and device nodes, the
// clock, rebooting, the host's network configuration, immutable flags (which would stop local-cloud
// from removing a VM's files), LSM and audit control, BPF and perf, and reading files by handle
// (open_by_handle_at reaches files outside the VM's root). CAP_SYS_ADMIN stays: a VM's root mounts the
// filesystems it makes on its disks.
const unwanted = [
  'dac_read_search',
  'linux_immutable',
  'net_admin',
  'sys_module',
  'sys_rawio',
  'sys_pacct',
  'sys_boot',
  'sys_time',
  'mknod',
  'lease',
  'audit_control',
  'audit_read',
  'mac_override',
  'mac_admin',
  'syslog',
  'wake_alarm',
  'block_suspend',
  'perfmon',
  'bpf',
  'checkpoint_restore',
];

/** The unwanted capabilities this host's setpriv knows (older util-linux lacks the newest names). */
export async function capabilitiesToDrop(): Promise<string[]> {
  const { stdout } = await runCommand('setpriv', ['--list-caps']);
  const known = new Set(stdout.split(/\s+/));
  return unwanted.filter((name) => known.has(name));
}
