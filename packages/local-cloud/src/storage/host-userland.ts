import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What of the host's userland VMs see, read-only under their own writable layer. */
export interface HostUserland {
  /** The host root the userland comes from (`/`). */
  readonly hostRoot: string;
  /** Directories (relative to the root) that VMs see as overlays of the host's: `usr`, `var/lib/dpkg`, … */
  readonly directories: readonly string[];
  /**
   * Whether VMs see the host's /etc as an overlay (under the image's accounts and whiteouts hiding the
   * host's secrets) rather than a filtered copy in the image. As root it keeps real owners for free;
   * rootless, the image keeps a copy that the VM's root (the host user) owns and may edit.
   */
  readonly etcFromHost: boolean;
  /** Top-level symlinks of a merged-/usr host (`bin -> usr/bin`), recreated as such in the image. */
  readonly topLevelLinks: readonly { name: string; target: string }[];
}

// Top-level directories that hold programs and libraries; merged-/usr systems have them as symlinks.
const programDirectories = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

/**
 * Inspects the host: `/usr` always; `/bin`, `/lib`, … as links when the host merged them into `/usr`, else as
 * directories of their own; `/var/lib/dpkg` so `dpkg -l` in a VM lists the programs it really has; `/etc`
 * when `etcFromHost`.
 */
export async function inspectHostUserland(hostRoot: string, etcFromHost: boolean): Promise<HostUserland> {
  const directories = etcFromHost ? ['usr', 'etc'] : ['usr'];
  const topLevelLinks: { name: string; target: string }[] = [];
  for (const name of programDirectories) {
    const stats = await lstat(join(hostRoot, name)).catch(() => undefined);
    if (stats?.isSymbolicLink()) topLevelLinks.push({ name, target: await readlink(join(hostRoot, name)) });
    else if (stats?.isDirectory()) directories.push(name);
  }
  const dpkg = await lstat(join(hostRoot, 'var/lib/dpkg')).catch(() => undefined);
  if (dpkg?.isDirectory()) directories.push('var/lib/dpkg');
  return { hostRoot, directories, topLevelLinks, etcFromHost };
}
