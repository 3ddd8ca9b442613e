// Which entries of the host's /etc a VM's /etc may copy. VMs need the host's configuration for the host's
// userland to work (alternatives, ld.so, nsswitch, ca-certificates), but never its secrets or identity.

// Relative paths replaced by the image's own files or never shown to a VM.
const excludedPaths = new Set([
  'shadow',
  'shadow-',
  'gshadow',
  'gshadow-',
  'passwd-',
  'group-',
  '.pwd.lock',
  'subuid',
  'subuid-',
  'subgid',
  'subgid-',
  'sudoers',
  'sudoers.d',
  'machine-id',
  'hostname',
  'hosts',
  'ssl/private',
  'security/opasswd',
]);

/**
 * True when the host's `/etc/<relativePath>` may be copied into VMs: not a secret by name (password
 * hashes, SSH host keys, TLS private keys), readable by everyone on the host, and a plain file, directory
 * or symlink (`type` as find's `%y`). A directory that fails is skipped with everything under it.
 */
export function keepEtcEntry(relativePath: string, entry: { type: string; mode: number }): boolean {
  if (excludedPaths.has(relativePath)) return false;
  if (/^ssh\/ssh_host_[^/]*$/.test(relativePath)) return false;
  if (entry.type === 'l') return true;
  if (entry.type === 'd') return (entry.mode & 0o005) === 0o005;
  return entry.type === 'f' && (entry.mode & 0o004) === 0o004;
}
