import { access, chmod, copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostUserland } from './host-userland';

// The catalog image's `systemctl`, which is also `reboot`, `poweroff`, `halt`, `shutdown`, `telinit` and
// `init` (links to it, as systemd-sysv installs them on Debian). A VM has no systemd: a power request goes
// to the VM's init (pid 1) as one of systemd's own signals (SIGRTMIN+5 reboot, +4 poweroff, +3 halt), and
// local-cloud does the rest — SSH sessions drop, every process of the VM dies, and the cloud reboots,
// stops or terminates the VM as its `VmInitiatedShutdownBehavior` says. Other systemctl verbs go to the
// host's systemctl, copied into the image (it works on unit files without a running systemd, as in a
// chroot).

/** Where the image keeps the host's real systemctl, for the verbs that are not about power. */
export const realSystemctlPath = '/usr/lib/local-cloud/systemctl';

/** The names the shim answers to, installed as links in /usr/sbin. */
export const powerCommandNames = ['reboot', 'poweroff', 'halt', 'shutdown', 'telinit', 'init'] as const;

// Signal numbers are glibc's: SIGRTMIN is 34 there, and systemd counts from it.
// A plain template literal: `\${` is a literal `${` of the shell, `\\` a single backslash.
/** The shell script installed as `/usr/bin/systemctl`. */
export const powerShim = `#!/bin/sh
# systemctl, reboot, poweroff, halt, shutdown and telinit for local-cloud VMs (see the package README).
real=${realSystemctlPath}
name=\${0##*/}
scheduled=/run/systemd/shutdown/scheduled
timer=/run/local-cloud/shutdown.pid

title() { case $1 in reboot) echo Reboot ;; poweroff) echo Shutdown ;; halt) echo Halt ;; esac; }

cancel_scheduled() {
  if [ -f "$timer" ]; then kill "$(cat "$timer")" 2>/dev/null; rm -f "$timer"; fi
  rm -f "$scheduled"
}

# act MODE SECONDS: asks the VM's init to reboot, power off or halt, now or later.
act() {
  if [ "$(id -u)" != 0 ]; then
    echo "Failed to $1 system via logind: Interactive authentication required." >&2
    echo "Failed to start $1.target: Interactive authentication required." >&2
    exit 1
  fi
  case $1 in reboot) sig=39 ;; poweroff) sig=38 ;; halt) sig=37 ;; esac
  if [ "$2" -gt 0 ]; then
    cancel_scheduled
    mkdir -p "\${scheduled%/*}" "\${timer%/*}"
    when=$(($(date +%s) + $2))
    setsid sh -c "sleep $2; rm -f $scheduled $timer; kill -$sig 1" </dev/null >/dev/null 2>&1 &
    echo $! > "$timer"
    printf 'USEC=%s000000\\nWARN_WALL=1\\nMODE=%s\\n' "$when" "$1" > "$scheduled"
    echo "$(title "$1") scheduled for $(date -d "@$when" '+%a %Y-%m-%d %H:%M:%S %Z'), use 'shutdown -c' to cancel."
    exit 0
  fi
  cancel_scheduled
  kill -$sig 1 || { echo "$name: the VM's init did not take the request" >&2; exit 1; }
  # The machine goes down at once: like on a real VM, the session that asked ends with it.
  sleep 60
  exit 0
}

invalid() { echo "$name: invalid option -- '$1'" >&2; exit 1; }

# Splits grouped short options (-rf) so each is seen alone.
split_flags() { rest=\${1#-?}; printf '%s\\n' "\${1%"$rest"}" "-$rest"; }

# shutdown [OPTIONS...] [TIME] [WALL...]: as systemd's, "+1" when no time is given.
shutdown_main() {
  mode=poweroff halt_asked= cancel= wall_only=
  while [ $# -gt 0 ]; do
    case $1 in
      --) shift; break ;;
      -H|--halt) mode=halt halt_asked=1 ;;
      -P|--poweroff) mode=poweroff ;;
      -h) [ -n "$halt_asked" ] || mode=poweroff ;;
      -r|--reboot) mode=reboot ;;
      -k) wall_only=1 ;;
      -c) cancel=1 ;;
      --no-wall|-f|-F|-a) ;;
      --show) [ -f "$scheduled" ] && cat "$scheduled" || echo 'No scheduled shutdown.' >&2; exit 0 ;;
      --help) echo 'shutdown [OPTIONS...] [TIME] [WALL...]'; exit 0 ;;
      -[!-]?*) first=$1; shift; set -- $(split_flags "$first") "$@"; continue ;;
      -*) invalid "\${1#-}" ;;
      *) break ;;
    esac
    shift
  done
  if [ -n "$cancel" ]; then cancel_scheduled; exit 0; fi
  spec=\${1:-+1}
  case $spec in
    now) seconds=0 ;;
    +*[!0-9]*|+) seconds= ;;
    +*) seconds=$((\${spec#+} * 60)) ;;
    [0-9]*:[0-9]*)
      at=$(date -d "$spec" +%s 2>/dev/null) || at=
      if [ -n "$at" ]; then seconds=$((at - $(date +%s))); [ "$seconds" -ge 0 ] || seconds=$((seconds + 86400)); else seconds=; fi ;;
    *[!0-9]*) seconds= ;;
    *) seconds=$((spec * 60)) ;;
  esac
  if [ -z "$seconds" ]; then echo "Failed to parse time specification: $spec" >&2; exit 1; fi
  [ -z "$wall_only" ] || exit 0
  act "$mode" "$seconds"
}

# reboot, poweroff, halt [OPTIONS...] [ARG]
halt_main() {
  mode=$1; shift
  while [ $# -gt 0 ]; do
    case $1 in
      -p|--poweroff) mode=poweroff ;;
      --reboot) mode=reboot ;;
      --halt) mode=halt ;;
      -f|--force|-n|--no-sync|-d|--no-wtmp|--no-wall|-i) ;;
      -w|--wtmp-only) exit 0 ;;
      --help) echo "$name [OPTIONS...]"; exit 0 ;;
      -[!-]?*) first=$1; shift; set -- $(split_flags "$first") "$@"; continue ;;
      -*) invalid "\${1#-}" ;;
    esac
    shift
  done
  act "$mode" 0
}

telinit_main() {
  case $1 in
    0) act poweroff 0 ;;
    6) act reboot 0 ;;
    2|3|4|5|q|Q|u|U) exit 0 ;;
    1|s|S) echo "$name: local-cloud VMs have no rescue mode" >&2; exit 1 ;;
    *) echo "usage: $name {0|1|2|3|4|5|6|q|Q|u|U}" >&2; exit 1 ;;
  esac
}

systemctl_main() {
  verb= target= skip=
  for word do
    if [ -n "$skip" ]; then skip=; continue; fi
    case $word in
      -t|--type|-p|--property|-s|--signal|-H|--host|-M|--machine|-n|--lines|-o|--output|--state|--root|--job-mode|--what|--kill-whom|--message|--timestamp|--boot-loader-entry|--reboot-argument) skip=1 ;;
      -*) ;;
      *) if [ -z "$verb" ]; then verb=$word; elif [ -z "$target" ]; then target=$word; fi ;;
    esac
  done
  case $verb in
    reboot|kexec|soft-reboot) act reboot 0 ;;
    poweroff) act poweroff 0 ;;
    halt) act halt 0 ;;
    start|isolate)
      case $target in
        reboot.target|ctrl-alt-del.target|kexec.target) act reboot 0 ;;
        poweroff.target) act poweroff 0 ;;
        halt.target) act halt 0 ;;
      esac ;;
  esac
  if [ -x "$real" ]; then exec "$real" "$@"; fi
  echo "System has not been booted with systemd as init system (PID 1). Can't operate." >&2
  echo 'Failed to connect to bus: Host is down' >&2
  exit 1
}

case $name in
  reboot|poweroff|halt) halt_main "$name" "$@" ;;
  shutdown) shutdown_main "$@" ;;
  telinit|init) telinit_main "$@" ;;
  *) systemctl_main "$@" ;;
esac
`;

/**
 * Installs the shim in the image layer `dir` as `/usr/bin/systemctl` with the power commands linked to it
 * in `/usr/sbin` (and in `/bin`, `/sbin` where the host keeps those apart from /usr), and a copy of the
 * host's systemctl, when it has one, for the other verbs.
 */
export async function installPowerCommands(dir: string, userland: HostUserland): Promise<void> {
  const host = (path: string) => join(userland.hostRoot, path);
  const realCopy = join(dir, realSystemctlPath);
  await mkdir(join(realCopy, '..'), { recursive: true });
  for (const candidate of ['usr/bin/systemctl', 'bin/systemctl']) {
    const found = await access(host(candidate)).then(
      () => true,
      () => false,
    );
    if (!found) continue;
    await copyFile(host(candidate), realCopy);
    await chmod(realCopy, 0o755);
    break;
  }
  const separate = (name: string) => userland.directories.includes(name);
  for (const bin of ['usr/bin', ...(separate('bin') ? ['bin'] : [])]) {
    await rm(join(dir, bin, 'systemctl'), { force: true });
    await writeFile(join(dir, bin, 'systemctl'), powerShim, { mode: 0o755, flag: 'wx' });
    await chmod(join(dir, bin, 'systemctl'), 0o755);
  }
  for (const sbin of ['usr/sbin', ...(separate('sbin') ? ['sbin'] : [])]) {
    for (const name of powerCommandNames) {
      await rm(join(dir, sbin, name), { force: true });
      await symlink('/usr/bin/systemctl', join(dir, sbin, name));
    }
  }
}
