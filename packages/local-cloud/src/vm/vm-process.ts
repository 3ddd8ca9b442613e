import { cloudUser } from '../storage/vm-accounts';

/** A program to run inside a VM. */
export interface VmProcessSpec {
  /** `cloud-user` is `outscale`; `root` is the VM's root. */
  readonly user: 'cloud-user' | 'root';
  /** Program and arguments, resolved inside the VM. */
  readonly argv: readonly string[];
  /** The program's whole environment (nothing of local-cloud's own leaks in). */
  readonly env: Readonly<Record<string, string>>;
  /** Working directory inside the VM. */
  readonly cwd: string;
}

/** How the host starts a process in a VM. */
export interface VmProcessCommand {
  readonly file: string;
  readonly args: readonly string[];
}

/**
 * The host command that runs `spec` in the VM whose init has host pid `initPid`: nsenter joins its
 * namespaces and root; the user switch, working directory and environment are applied inside, by the
 * VM's own setpriv and env, so nothing a client sends (e.g. `LD_PRELOAD`) reaches a host binary.
 *
 * As root, VM processes run under a capability bounding set without `drop`ped capabilities (kept:
 * what a VM's root needs, including CAP_SYS_ADMIN to mount its disks). Rootless, the user namespace is
 * the boundary and every VM account is the same host user (uid 0 inside).
 */
export function vmProcessCommand(
  initPid: number,
  rootless: boolean,
  spec: VmProcessSpec,
  drop: readonly string[],
): VmProcessCommand {
  const env = Object.entries(spec.env).map(([key, value]) => `${key}=${value}`);
  const inVm = ['/usr/bin/env', '-i', '-C', spec.cwd, ...env, ...spec.argv];
  const enter = ['--target', `${initPid}`, '--mount', '--uts', '--ipc', '--pid', '--root', '--'];
  if (rootless) {
    return { file: 'nsenter', args: ['--user', '--preserve-credentials', ...enter, ...inVm] };
  }
  const switchUser =
    spec.user === 'root'
      ? []
      : ['setpriv', `--reuid=${cloudUser.uid}`, `--regid=${cloudUser.gid}`, '--init-groups', '--'];
  const bounding = drop.length > 0 ? ['--bounding-set', drop.map((cap) => `-${cap}`).join(',')] : [];
  return { file: 'setpriv', args: [...bounding, '--', 'nsenter', ...enter, ...switchUser, ...inVm] };
}
