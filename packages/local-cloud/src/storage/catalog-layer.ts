import {
  access,
  chmod,
  chown,
  copyFile,
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { keepEtcEntry } from './etc-filter';
import type { HostUserland } from './host-userland';
import { installPowerCommands } from './power-shim';
import { sudoElevatePath, sudoShim } from './sudo-shim';
import { copyFilteredTree, createWhiteouts, scanTree } from './tree-copy';
import { cloudUser, vmAccountFiles } from './vm-accounts';

export interface CatalogLayerOptions {
  userland: HostUserland;
  /** Root may give files their real owners and install the setuid sudo helper. */
  privileged: boolean;
}

interface Entry {
  path: string;
  mode: number;
  owner?: 'cloud-user';
}

// The directories of a Debian 12 root filesystem that are not the host's userland. /usr and a few of its
// directories are the image's own too, so that, where the VM's root is the host's user (rootless), the
// VM's root may still add programs there as on a real VM.
const skeleton: readonly Entry[] = [
  ...['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'run', 'srv', 'usr', 'var'].map((path) => ({
    path,
    mode: 0o755,
  })),
  { path: 'proc', mode: 0o555 },
  { path: 'sys', mode: 0o555 },
  { path: 'root', mode: 0o700 },
  { path: 'tmp', mode: 0o1777 },
  { path: cloudUser.home.slice(1), mode: 0o755, owner: 'cloud-user' },
  { path: `${cloudUser.home.slice(1)}/.ssh`, mode: 0o700, owner: 'cloud-user' },
  ...['bin', 'sbin', 'lib', 'libexec', 'libexec/sudo', 'share', 'local'].map((d) => ({
    path: `usr/${d}`,
    mode: 0o755,
  })),
  ...['bin', 'etc', 'games', 'include', 'lib', 'libexec', 'man', 'sbin', 'share', 'src'].map((d) => ({
    path: `usr/local/${d}`,
    mode: 0o755,
  })),
  ...['backups', 'cache', 'lib', 'local', 'log', 'mail', 'opt', 'spool'].map((d) => ({
    path: `var/${d}`,
    mode: 0o755,
  })),
  { path: 'var/tmp', mode: 0o1777 },
];

/**
 * Builds the layer under the catalog's Debian 12 image in the empty directory `dir`: the skeleton of a
 * root filesystem, a copy of the host's /etc without its secrets, the accounts (root and `outscale`),
 * sudoers as cloud-init writes them for the cloud user, `sudo`, and the power commands (`reboot`, …).
 */
export async function buildCatalogLayer(dir: string, options: CatalogLayerOptions): Promise<void> {
  const { userland, privileged } = options;
  const host = (path: string) => join(userland.hostRoot, path);
  await chmod(dir, 0o755);
  if (userland.etcFromHost) await hideHostSecrets(host('etc'), join(dir, 'etc'));
  else await copyFilteredTree(host('etc'), join(dir, 'etc'), { keep: keepEtcEntry, preserveOwner: privileged });
  const owned = async (path: string, mode: number, owner?: 'cloud-user') => {
    if (privileged) await chown(path, owner ? cloudUser.uid : 0, owner ? cloudUser.gid : 0);
    await chmod(path, mode);
  };
  for (const entry of skeleton) {
    await mkdir(join(dir, entry.path), { recursive: true });
    await owned(join(dir, entry.path), entry.mode, entry.owner);
  }
  for (const path of userland.directories) await mkdir(join(dir, path), { recursive: true });
  for (const link of userland.topLevelLinks) await symlink(link.target, join(dir, link.name));
  await symlink('/run/lock', join(dir, 'var/lock'));
  await symlink('/run', join(dir, 'var/run'));

  const text = (path: string) => readFile(host(path), 'utf8').catch(() => '');
  const hasBash = await access(host('bin/bash')).then(
    () => true,
    () => false,
  );
  const accounts = vmAccountFiles(await text('etc/passwd'), await text('etc/group'), hasBash);
  const shadowGid = Number(/^shadow:[^:]*:(\d+):/m.exec(accounts.group)?.[1] ?? 0);
  const sudoGid = Number(/^sudo:[^:]*:(\d+):/m.exec(accounts.group)?.[1] ?? 0);
  // The copy of the host's /etc may hold symlinks (to /run, or anywhere on a NixOS host): replace the entry,
  // never write through it.
  const write = async (path: string, content: string, mode: number, gid = 0) => {
    await rm(join(dir, path), { force: true });
    await writeFile(join(dir, path), content, { flag: 'wx' });
    if (privileged) await chown(join(dir, path), 0, gid);
    await chmod(join(dir, path), mode);
  };
  await write('etc/passwd', accounts.passwd, 0o644);
  await write('etc/group', accounts.group, 0o644);
  await write('etc/shadow', accounts.shadow, 0o640, shadowGid);
  await write('etc/gshadow', accounts.gshadow, 0o640, shadowGid);
  await write('etc/hostname', 'debian\n', 0o644);
  await write('etc/hosts', hostsFile, 0o644);
  await write('etc/machine-id', '', 0o444);
  // A resolv.conf that is a link into the host's /run (systemd-resolved) would dangle in a VM's own /run.
  await write('etc/resolv.conf', await text('etc/resolv.conf'), 0o644);
  await write('etc/sudoers', sudoersFile, 0o440);
  await mkdir(join(dir, 'etc/sudoers.d'), { recursive: true });
  await owned(join(dir, 'etc/sudoers.d'), 0o750);
  await write('etc/sudoers.d/90-cloud-init-users', cloudUserSudoers, 0o440);
  await write('usr/bin/sudo', sudoShim, 0o755);
  await installPowerCommands(dir, userland);
  if (privileged) {
    // The shim elevates through this setuid-root copy of setpriv; only members of `sudo` may run it.
    await copyFile(host('usr/bin/setpriv'), join(dir, sudoElevatePath));
    await chown(join(dir, sudoElevatePath), 0, sudoGid);
    await chmod(join(dir, sudoElevatePath), 0o4750);
  }
  await copySkeletonFiles(host('etc/skel'), join(dir, cloudUser.home.slice(1)), privileged);
}

// What the image writes in /etc itself (see buildCatalogLayer); never hidden, since it replaces the host's.
const ownEtcFiles = new Set([
  'passwd',
  'group',
  'shadow',
  'gshadow',
  'hostname',
  'hosts',
  'machine-id',
  'resolv.conf',
  'sudoers',
]);

/**
 * Where VMs see the host's /etc through an overlay (as root), the image hides what the host must keep to
 * itself with whiteouts: password hashes, SSH host keys, TLS private keys, whatever is not world-readable,
 * and the host's own sudoers rules. Parent directories keep the host's owners and modes.
 */
async function hideHostSecrets(hostEtc: string, etc: string): Promise<void> {
  await mkdir(etc);
  const { rejected } = await scanTree(hostEtc, keepEtcEntry);
  const hidden = rejected.filter((path) => !ownEtcFiles.has(path) && path !== 'sudoers.d');
  const hostRules = await readdir(join(hostEtc, 'sudoers.d')).catch(() => []);
  hidden.push(...hostRules.map((name) => `sudoers.d/${name}`));
  for (const path of hidden) {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const relative = parts.slice(0, i).join('/');
      const created = await mkdir(join(etc, relative)).then(
        () => true,
        () => false,
      );
      if (!created) continue;
      const stats = await stat(join(hostEtc, relative));
      await chown(join(etc, relative), stats.uid, stats.gid);
      await chmod(join(etc, relative), stats.mode & 0o7777);
    }
  }
  await createWhiteouts(hidden.map((path) => join(etc, path)));
}

/** The cloud user's dotfiles, as adduser copies them from /etc/skel (plain files only). */
async function copySkeletonFiles(skel: string, home: string, privileged: boolean): Promise<void> {
  const entries = await readdir(skel, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    await copyFile(join(skel, entry.name), join(home, entry.name));
    if (privileged) await chown(join(home, entry.name), cloudUser.uid, cloudUser.gid);
  }
}

const hostsFile = `127.0.0.1\tlocalhost
::1\t\tlocalhost ip6-localhost ip6-loopback
ff02::1\t\tip6-allnodes
ff02::2\t\tip6-allrouters
`;

const sudoersFile = `# /etc/sudoers of the local-cloud Debian 12 image.
Defaults\tenv_reset
Defaults\tmail_badpass
Defaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
Defaults\tuse_pty
root\tALL=(ALL:ALL) ALL
%sudo\tALL=(ALL:ALL) ALL
@includedir /etc/sudoers.d
`;

const cloudUserSudoers = `# Created by cloud-init v. 22.4.2 on local-cloud
# User rules for ${cloudUser.name}
${cloudUser.name} ALL=(ALL) NOPASSWD:ALL
`;
