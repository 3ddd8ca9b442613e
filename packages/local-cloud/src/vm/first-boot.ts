import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { MachineError } from '../runtime/machine-error';
import { cloudUser } from '../storage/vm-accounts';
import type { VmProcessSpec } from './vm-process';

/** What runs processes in the booting VM. */
export interface BootTarget {
  spawn(spec: VmProcessSpec): ChildProcessWithoutNullStreams;
}

const rootEnv = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' };

// As cloud-init does on each new instance: the launch's keys into the cloud user's authorized_keys.
const installKeys = `set -e
home=${cloudUser.home}
mkdir -p "$home/.ssh"
touch "$home/.ssh/authorized_keys"
while IFS= read -r key; do
  [ -n "$key" ] || continue
  grep -qxF -- "$key" "$home/.ssh/authorized_keys" || printf '%s\\n' "$key" >> "$home/.ssh/authorized_keys"
done
chmod 700 "$home/.ssh"
chmod 600 "$home/.ssh/authorized_keys"
chown -R ${cloudUser.name}:${cloudUser.name} "$home/.ssh" 2>/dev/null || true
`;

// A user-data script (`#!…`) runs as root in the background, its output in cloud-init's log and on the
// console, once per instance as cloud-init does: not again when the same VM starts after a stop, but again
// in a new VM launched from an image of it. Cloud-init's last line follows on the console. $1 is the VM id.
const runUserData = `set -e
console=/dev/console
[ -p "$console" ] || console=/dev/null
finished='echo "Cloud-init v. 22.4.2 finished at $(date -R). Datasource DataSourceOutscale."'
done_mark="/var/lib/cloud/instances/$1/sem/user-scripts"
if [ -e "$done_mark" ]; then cat > /dev/null; sh -c "$finished" > "$console" 2>/dev/null || true; exit 0; fi
dir=/var/lib/cloud/instance/scripts
mkdir -p "$dir" "$(dirname "$done_mark")" /var/log
cat > "$dir/part-001"
chmod 700 "$dir/part-001"
touch "$done_mark"
setsid sh -c '"$1" 2>&1 | tee -a /var/log/cloud-init-output.log > "$2" 2>/dev/null; sh -c "$3" >> "$2" 2>/dev/null' \\
  user-data "$dir/part-001" "$console" "$finished" < /dev/null > /dev/null 2>&1 &
`;

/** True when user data is a script cloud-init runs (it starts with `#!`). */
export function isUserDataScript(userData: Uint8Array | undefined): boolean {
  return userData !== undefined && Buffer.from(userData.subarray(0, 2)).toString() === '#!';
}

async function runAsRoot(
  vm: BootTarget,
  script: string,
  input: string | Uint8Array,
  args: string[] = [],
): Promise<void> {
  const argv = ['/bin/sh', '-c', script, 'first-boot', ...args];
  const child = vm.spawn({ user: 'root', argv, env: rootEnv, cwd: '/' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.resume();
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new MachineError('vm-start-failed', `first boot failed (status ${code}): ${stderr.trim()}`);
}

/** What cloud-init does when a VM boots: authorized keys, then a user-data script (once per instance). */
export async function firstBoot(
  vm: BootTarget,
  vmId: string,
  authorizedKeys: readonly string[],
  userData?: Uint8Array,
): Promise<void> {
  await runAsRoot(vm, installKeys, `${authorizedKeys.map((key) => key.trim()).join('\n')}\n`);
  if (userData && isUserDataScript(userData)) {
    await runAsRoot(vm, runUserData, userData, [vmId]);
  }
}
