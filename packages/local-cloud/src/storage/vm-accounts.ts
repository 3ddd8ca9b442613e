// The accounts of the catalog's Debian 12 image: the host's system accounts (so the owners of the host
// userland files VMs see keep their names) plus the cloud user `outscale`, as cloud-init creates it.

/** The cloud user of the catalog image, as on Outscale's Debian images. */
export const cloudUser = { name: 'outscale', uid: 1000, gid: 1000, home: '/home/outscale' } as const;

/** Groups cloud-init gives Debian's default cloud user; only those the host knows are kept. */
const cloudUserGroups = ['adm', 'dialout', 'cdrom', 'floppy', 'sudo', 'audio', 'dip', 'video', 'plugdev', 'netdev'];

/** The account files of a VM's `/etc`. */
export interface VmAccountFiles {
  passwd: string;
  group: string;
  shadow: string;
  gshadow: string;
}

// Days since the epoch of the image's last password change, as `shadow` stores it (2024-01-01).
const lastChange = 19723;

function isSystemId(id: string | undefined): boolean {
  const value = Number(id);
  return Number.isInteger(value) && (value < 1000 || value === 65534);
}

function lines(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

/**
 * The VM's passwd/group/shadow/gshadow from the host's passwd and group: system accounts only (never the
 * host's people), `outscale` (uid 1000, `/bin/bash` when `hasBash`) in the groups cloud-init would give it.
 */
export function vmAccountFiles(hostPasswd: string, hostGroup: string, hasBash: boolean): VmAccountFiles {
  const users = lines(hostPasswd).filter((f) => f.length >= 7 && isSystemId(f[2]) && f[0] !== cloudUser.name);
  const shell = hasBash ? '/bin/bash' : '/bin/sh';
  users.push([cloudUser.name, 'x', `${cloudUser.uid}`, `${cloudUser.gid}`, ',,,', cloudUser.home, shell]);
  const accounts = new Set(users.map((f) => f[0]));
  const groups = lines(hostGroup).filter((f) => f.length >= 4 && isSystemId(f[2]) && f[0] !== cloudUser.name);
  for (const group of groups) {
    const members = (group[3] ?? '').split(',').filter((m) => accounts.has(m) && m !== cloudUser.name);
    if (cloudUserGroups.includes(group[0] ?? '')) members.push(cloudUser.name);
    group[3] = members.join(',');
  }
  groups.push([cloudUser.name, 'x', `${cloudUser.gid}`, '']);
  const names = (rows: string[][]) => rows.map((f) => f[0] ?? '');
  return {
    passwd: toText(users),
    group: toText(groups),
    // Locked passwords everywhere: the cloud user logs in with its key, and sudo needs no password.
    shadow: names(users)
      .map((name) => `${name}:${name === cloudUser.name ? '!' : '*'}:${lastChange}:0:99999:7:::`)
      .join('\n')
      .concat('\n'),
    gshadow: groups
      .map((f) => `${f[0]}:*::${f[3] ?? ''}`)
      .join('\n')
      .concat('\n'),
  };
}

function toText(rows: string[][]): string {
  return `${rows.map((f) => f.join(':')).join('\n')}\n`;
}
