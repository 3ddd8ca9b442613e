import { initCommand } from './init-program';
import type { OverlayMount } from './mount-plan';
import { shQuote } from './sh-quote';

export { shQuote } from './sh-quote';

/** Everything the first process of a VM sets up before it becomes the VM's init. */
export interface SetupScriptInput {
  /** An empty host directory the VM's root is mounted on (inside the VM's own mount namespace). */
  mountPoint: string;
  overlays: readonly OverlayMount[];
  /** Block devices (or, rootless, disk image files) to show at `/dev/<name>`. */
  disks: readonly { name: string; source: string }[];
  hostname: string;
  /** Rootless: overlays keep their metadata in `user.*` xattrs, and only mapped ids may be used. */
  rootless: boolean;
  /** A host directory to show read-only at /run/local-cloud/node (the Node.js of the SFTP fallback). */
  nodeDirectory?: string;
  /** An empty directory, the second layer a read-only overlay needs. */
  emptyDirectory: string;
  /** A FIFO on the host to show as /dev/console (see `VmConsole`). */
  console?: string;
}

function overlayOptions(mount: OverlayMount, rootless: boolean): string {
  for (const path of [...mount.lowers, mount.upper, mount.work]) {
    if (/[:,\\\n]/.test(path)) throw new Error(`overlay layer paths must not contain ':', ',' or '\\': ${path}`);
  }
  const options = [`lowerdir=${mount.lowers.join(':')}`, `upperdir=${mount.upper}`, `workdir=${mount.work}`];
  if (rootless) options.push('userxattr');
  return options.join(',');
}

/**
 * The script pid 1 of a new VM runs, in its fresh mount/PID/UTS/IPC (and user) namespaces: it mounts the
 * root overlays, /proc, a private /dev (with a new devpts), /run, a read-only /sys, the VM's disks, then
 * pivots into the root, drops the host's tree and prints `ready <host pid>`. Every mount point inside the
 * VM's tree is made a real directory first (never followed through a symlink the VM may have left).
 */
export function setupScript(input: SetupScriptInput, hasPerl: boolean): string {
  const r = (path: string) => `"$R"/${shQuote(path)}`;
  const lines = [
    'set -eu',
    'read -r host_pid _ < /proc/self/stat',
    `R=${shQuote(input.mountPoint)}`,
    'mountpoint_dir() { if [ -L "$1" ] || { [ -e "$1" ] && [ ! -d "$1" ]; }; then rm -f "$1"; fi; [ -d "$1" ] || mkdir "$1"; }',
  ];
  for (const mount of input.overlays) {
    if (mount.target !== '') {
      const parts = mount.target.split('/');
      for (let i = 1; i <= parts.length; i++) lines.push(`mountpoint_dir ${r(parts.slice(0, i).join('/'))}`);
    }
    const where = mount.target === '' ? '"$R"' : r(mount.target);
    lines.push(`mount -t overlay overlay -o ${shQuote(overlayOptions(mount, input.rootless))} ${where}`);
  }
  for (const dir of ['proc', 'dev', 'run', 'sys']) lines.push(`mountpoint_dir ${r(dir)}`);
  lines.push(
    `mount -t proc -o nosuid,nodev,noexec proc ${r('proc')}`,
    `mount -t tmpfs -o nosuid,mode=755,size=65536k tmpfs ${r('dev')}`,
    `for n in null zero full random urandom tty; do : > ${r('dev')}/"$n"; mount --bind /dev/"$n" ${r('dev')}/"$n"; done`,
    `mkdir ${r('dev/pts')} ${r('dev/shm')}`,
    `mount -t devpts -o newinstance,ptmxmode=0666,mode=620${input.rootless ? '' : ',gid=5'} devpts ${r('dev/pts')}`,
    `ln -s pts/ptmx ${r('dev/ptmx')}`,
    `mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs ${r('dev/shm')}`,
    `ln -s /proc/self/fd ${r('dev/fd')}`,
    `ln -s /proc/self/fd/0 ${r('dev/stdin')}`,
    `ln -s /proc/self/fd/1 ${r('dev/stdout')}`,
    `ln -s /proc/self/fd/2 ${r('dev/stderr')}`,
  );
  if (input.console) {
    lines.push(`: > ${r('dev/console')}`, `mount --bind ${shQuote(input.console)} ${r('dev/console')}`);
  }
  for (const disk of input.disks) {
    if (!/^[a-z][a-z0-9]*$/.test(disk.name)) throw new Error(`invalid device name ${disk.name}`);
    lines.push(`: > ${r(`dev/${disk.name}`)}`, `mount --bind ${shQuote(disk.source)} ${r(`dev/${disk.name}`)}`);
  }
  lines.push(
    `mount -t tmpfs -o nosuid,nodev,mode=755 tmpfs ${r('run')}`,
    `mkdir -m 1777 ${r('run/lock')}`,
    `mount --rbind /sys ${r('sys')}`,
    `mount -o remount,bind,ro ${r('sys')}`,
  );
  if (input.nodeDirectory) {
    lines.push(
      `mkdir -p ${r('run/local-cloud/node')}`,
      `mount -t overlay overlay -o ${shQuote(`lowerdir=${input.nodeDirectory}:${input.emptyDirectory}`)} ${r('run/local-cloud/node')}`,
    );
  }
  lines.push(
    `hostname ${shQuote(input.hostname)}`,
    'cd "$R"',
    'pivot_root . .',
    'umount -l .',
    'cd /',
    'echo "ready $host_pid"',
    initCommand(hasPerl),
  );
  return `${lines.join('\n')}\n`;
}
