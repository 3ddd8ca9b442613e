// The catalog image's `sudo`. Outscale's Debian images give the cloud user password-less sudo
// (`outscale ALL=(ALL) NOPASSWD:ALL`), so no password is ever read: `-S` and `-n` change nothing and stdin
// stays the command's, exactly as with the real sudo. The real binary cannot serve here: it is usually not
// on the host, and under a user namespace a setuid-root binary owned by the host's root cannot elevate.
// Elevation uses a setuid-root copy of setpriv (only where VMs have distinct uids, i.e. local-cloud runs as
// root); where every VM account is the same host user, the command simply runs.

/** Path of the setuid helper the shim elevates through, inside the VM. */
export const sudoElevatePath = '/usr/libexec/sudo/local-cloud-elevate';

// A plain template literal: `\${` is a literal `${` of the shell, `\\` a single backslash.
/** The `sudo` the catalog image installs as `/usr/bin/sudo`. */
export const sudoShim = `#!/bin/sh
# sudo for local-cloud VMs (see sudo(8)): the cloud user may run anything without a password.
secure_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
elevate=${sudoElevatePath}
usage() {
  echo 'usage: sudo -h | -K | -k | -V'
  echo 'usage: sudo -v [-ABkNnS] [-g group] [-p prompt] [-u user]'
  echo 'usage: sudo -l [-ABkNnS] [-g group] [-p prompt] [-U user] [-u user] [command [arg ...]]'
  echo 'usage: sudo [-ABbEHkNnPS] [-C num] [-D directory] [-g group] [-p prompt] [-u user] [VAR=value] [-i | -s] [command [arg ...]]'
}
preserve= target=root shell_mode= action=run background= set_home= chdir=
option() {
  case $1 in
    -u|--user) target=$2 ;;
    -D|--chdir) chdir=$2 ;;
  esac
}
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; break ;;
    -E|--preserve-env) preserve=all ;;
    --preserve-env=*) [ "$preserve" = all ] || preserve="$preserve,\${1#*=}" ;;
    -S|--stdin|-n|--non-interactive|-A|--askpass|-N|--no-update|-P|--preserve-groups|-B|--bell) ;;
    -H|--set-home) set_home=1 ;;
    -k|--reset-timestamp) [ $# -gt 1 ] || exit 0 ;;
    -K|--remove-timestamp) exit 0 ;;
    -v|--validate) action=validate ;;
    -l|--list) action=list ;;
    -V|--version) echo 'Sudo version 1.9.13p3'; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    -b|--background) background=1 ;;
    -i|--login) shell_mode=login ;;
    -s|--shell) shell_mode=shell ;;
    -u|-g|-p|-C|-D|-R|-T|-U|--user|--group|--prompt|--close-from|--chdir|--chroot|--command-timeout|--other-user)
      if [ $# -lt 2 ]; then echo "sudo: option requires an argument -- '\${1#-}'" >&2; usage >&2; exit 1; fi
      option "$1" "$2"; shift ;;
    --*=*) option "\${1%%=*}" "\${1#*=}" ;;
    -[!-]?*)
      rest=\${1#-?}; first=\${1%"$rest"}; shift
      case $first in
        -u|-g|-p|-C|-D|-R|-T|-U) set -- "$first" "$rest" "$@" ;;
        *) set -- "$first" "-$rest" "$@" ;;
      esac
      continue ;;
    -*) echo "sudo: invalid option -- '\${1#-}'" >&2; usage >&2; exit 1 ;;
    *) break ;;
  esac
  shift
done

me=$(id -un) my_uid=$(id -u) my_gid=$(id -g)
if [ "$my_uid" != 0 ] && ! id -Gn | tr ' ' '\\n' | grep -qx sudo; then
  echo "$me is not in the sudoers file." >&2
  exit 1
fi
case $action in
  validate) exit 0 ;;
  list) printf 'User %s may run the following commands on %s:\\n    (ALL) NOPASSWD: ALL\\n' "$me" "$(hostname)"; exit 0 ;;
esac

case $target in '#'*) entry=$(getent passwd "\${target#?}") ;; *) entry=$(getent passwd "$target") ;; esac
if [ -z "$entry" ]; then echo "sudo: unknown user $target" >&2; exit 1; fi
t_name=$(echo "$entry" | cut -d: -f1) t_uid=$(echo "$entry" | cut -d: -f3) t_gid=$(echo "$entry" | cut -d: -f4)
t_home=$(echo "$entry" | cut -d: -f6) t_shell=$(echo "$entry" | cut -d: -f7)
[ -n "$t_shell" ] || t_shell=/bin/sh

# Leading VAR=value words set variables for the command, as sudo allows when the command matched is ALL.
assigns=0
for word do
  case $word in [A-Za-z_]*=*) assigns=$((assigns + 1)) ;; *) break ;; esac
done
if [ $# -eq "$assigns" ] && [ -z "$shell_mode" ]; then usage >&2; exit 1; fi

if [ -n "$shell_mode" ]; then
  # -s / -i: the command runs through the target's shell, each word escaped as sudo does.
  i=0 line=
  for word do
    shift
    if [ $i -lt $assigns ]; then set -- "$@" "$word"
    else line="\${line:+$line }$(printf '%s' "$word" | sed 's/[^A-Za-z0-9_$-]/\\\\&/g')"; fi
    i=$((i + 1))
  done
  login=
  if [ "$shell_mode" = login ]; then login=-l; chdir=$t_home; fi
  if [ -n "$line" ]; then set -- "$@" "$t_shell" $login -c "$line"; else set -- "$@" "$t_shell" $login; fi
  sudo_command=$t_shell
else
  i=0
  for word do
    if [ $i -eq $assigns ]; then command_word=$word; break; fi
    i=$((i + 1))
  done
  case $command_word in
    */*) resolved=$command_word; [ -x "$resolved" ] || resolved= ;;
    *) resolved=$(PATH=$secure_path command -v -- "$command_word" 2>/dev/null) ;;
  esac
  if [ -z "$resolved" ]; then echo "sudo: $command_word: command not found" >&2; exit 1; fi
  sudo_command=$resolved
fi

env_mode=-i
if [ "$preserve" = all ]; then
  env_mode=
  [ -z "$set_home" ] || set -- "HOME=$t_home" "$@"
else
  keep="TERM DISPLAY XAUTHORITY COLORTERM LANG LANGUAGE LINGUAS $(env | sed -n 's/^\\(LC_[A-Za-z_]*\\)=.*/\\1/p') $(echo "$preserve" | tr ',' ' ')"
  for name in $keep; do
    case $name in *[!A-Za-z0-9_]*|'') continue ;; esac
    eval "is_set=\\\${$name+x} value=\\\${$name-}"
    [ -z "$is_set" ] || set -- "$name=$value" "$@"
  done
  set -- "HOME=$t_home" "SHELL=$t_shell" "$@"
fi
set -- "PATH=$secure_path" "USER=$t_name" "LOGNAME=$t_name" "MAIL=/var/mail/$t_name" \\
  "SUDO_USER=$me" "SUDO_UID=$my_uid" "SUDO_GID=$my_gid" "SUDO_COMMAND=$sudo_command" "$@"
# The target user changes directory (the caller may not enter it, e.g. /root for sudo -i).
if [ -n "$chdir" ]; then set -- -C "$chdir" "$@"; fi

run() {
  if [ "$my_uid" = "$t_uid" ]; then exec /usr/bin/env $env_mode "$@"; fi
  if [ -x "$elevate" ]; then
    exec "$elevate" --reuid="$t_uid" --regid="$t_gid" --init-groups -- /usr/bin/env $env_mode "$@"
  fi
  # A rootless local-cloud VM: every account is the same host user, already allowed everything.
  exec /usr/bin/env $env_mode "$@"
}
if [ -n "$background" ]; then run "$@" & exit 0; fi
run "$@"
`;
