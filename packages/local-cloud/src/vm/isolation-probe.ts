import { access, constants, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPath, runCommand } from '../runtime/run-command';
import { shQuote } from './setup-script';

/** How VMs can be isolated on this machine, or what is missing and how to get it. */
export type IsolationProbeResult =
  | { readonly ok: true; readonly mode: 'root' | 'user-namespace' }
  | { readonly ok: false; readonly missing: string; readonly howToEnable: string };

/** Finds out whether VMs can run isolated here; injectable so tests can simulate a machine without it. */
export type IsolationProbe = () => Promise<IsolationProbeResult>;

export interface IsolationProbeOptions {
  /** Whether local-cloud runs as root. */
  privileged: boolean;
  /** A private directory the probe may use for a trial overlay mount. */
  workDir: string;
  platform?: NodeJS.Platform;
  /** The host userland directory a trial overlay uses as its lowest layer. */
  hostDirectory?: string;
}

const tools = ['unshare', 'nsenter', 'mount', 'umount', 'pivot_root', 'hostname', 'setpriv', 'env'];

/**
 * The real probe: Linux, the util-linux tools, then a trial run of what a VM needs in the same mode: new
 * mount/PID/UTS/IPC namespaces (and a user namespace when not root), an overlay with a host directory as
 * its lowest layer, and a /proc of the new PID namespace.
 */
export function defaultIsolationProbe(options: IsolationProbeOptions): IsolationProbe {
  return async () => {
    const platform = options.platform ?? process.platform;
    if (platform !== 'linux') {
      return {
        ok: false,
        missing: `Linux namespaces and overlayfs (this system is ${platform})`,
        howToEnable: 'run local-cloud on Linux 5.11 or later (a Linux VM or WSL 2 will do)',
      };
    }
    for (const tool of tools) {
      if (!(await findTool(tool))) {
        return {
          ok: false,
          missing: `the ${tool} command`,
          howToEnable:
            'install util-linux, mount and coreutils (Debian/Ubuntu: apt-get install util-linux mount coreutils)',
        };
      }
    }
    const trial = await trialRun(options);
    if (trial === undefined) return { ok: true, mode: options.privileged ? 'root' : 'user-namespace' };
    return options.privileged ? rootFailure(trial) : await rootlessFailure(trial);
  };
}

async function findTool(name: string): Promise<boolean> {
  for (const dir of defaultPath.split(':')) {
    const found = await access(join(dir, name), constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}

/** Runs the trial; undefined when it worked, else what failed (`unshare: …`, `overlay: …`, `proc: …`). */
async function trialRun(options: IsolationProbeOptions): Promise<string | undefined> {
  const dir = join(options.workDir, 'isolation-probe');
  for (const sub of ['lower', 'upper', 'work', 'merged', 'proc']) await mkdir(join(dir, sub), { recursive: true });
  const q = (sub: string) => shQuote(join(dir, sub));
  const overlay = `lowerdir=${join(dir, 'lower')}:${options.hostDirectory ?? '/usr'},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`;
  const script = [
    `mount -t overlay overlay -o ${shQuote(`${overlay}${options.privileged ? '' : ',userxattr'}`)} ${q('merged')} || { echo 'failed: overlay' >&2; exit 1; }`,
    `mount -t proc proc ${q('proc')} || { echo 'failed: proc' >&2; exit 1; }`,
    'echo ok',
  ].join('\n');
  const userns = options.privileged ? [] : ['--user', '--map-root-user'];
  const args = [
    ...userns,
    '--mount',
    '--pid',
    '--uts',
    '--ipc',
    '--fork',
    '--propagation',
    'private',
    'sh',
    '-c',
    script,
  ];
  try {
    const { stdout } = await runCommand('unshare', args);
    return stdout.trim() === 'ok' ? undefined : `unexpected output: ${stdout}`;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (text.includes('failed: overlay')) return `overlay: ${text}`;
    if (text.includes('failed: proc')) return `proc: ${text}`;
    return `unshare: ${text}`;
  }
}

function rootFailure(trial: string): IsolationProbeResult {
  if (trial.startsWith('overlay')) {
    return {
      ok: false,
      missing: `overlayfs (${trial})`,
      howToEnable: 'load the overlay module (modprobe overlay) and keep local-cloud data on ext4, xfs or tmpfs',
    };
  }
  return {
    ok: false,
    missing: `mount and PID namespaces (${trial})`,
    howToEnable: 'run local-cloud on the host or in a privileged container (docker run --privileged)',
  };
}

async function rootlessFailure(trial: string): Promise<IsolationProbeResult> {
  const sysctl = async (name: string) => (await readFile(`/proc/sys/${name}`, 'utf8').catch(() => '')).trim();
  if (trial.startsWith('unshare')) {
    const hints: string[] = [];
    if ((await sysctl('kernel/unprivileged_userns_clone')) === '0')
      hints.push('sysctl -w kernel.unprivileged_userns_clone=1');
    if ((await sysctl('user/max_user_namespaces')) === '0') hints.push('sysctl -w user.max_user_namespaces=15000');
    if ((await sysctl('kernel/apparmor_restrict_unprivileged_userns')) === '1') {
      hints.push('sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (or an AppArmor profile allowing userns)');
    }
    return {
      ok: false,
      missing: `unprivileged user namespaces (${trial})`,
      howToEnable: `${hints.length > 0 ? hints.join('; ') : 'enable user namespaces for unprivileged users'}, or run local-cloud as root`,
    };
  }
  if (trial.startsWith('overlay')) {
    return {
      ok: false,
      missing: `overlayfs inside a user namespace (${trial})`,
      howToEnable:
        'use Linux 5.11 or later with local-cloud data on ext4, xfs or btrfs (or tmpfs on Linux 6.6+), or run as root',
    };
  }
  return {
    ok: false,
    missing: `a /proc for the VM's PID namespace (${trial})`,
    howToEnable: 'run outside containers that mask /proc, or run local-cloud as root',
  };
}
