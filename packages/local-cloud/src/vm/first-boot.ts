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

// A user-data script (`#!…`) runs as root in the background, its output in cloud-init's log, once per
// instance as cloud-init does: not again when the same VM starts after a stop, but again in a new VM
// launched from an image of it. $1 is the VM id.
const runUserData = `set -e
done_mark="/var/lib/cloud/instances/$1/sem/user-scripts"
if [ -e "$done_mark" ]; then cat > /dev/null; exit 0; fi
dir=/var/lib/cloud/instance/scripts
mkdir -p "$dir" "$(dirname "$done_mark")" /var/log
cat > "$dir/part-001"
chmod 700 "$dir/part-001"
touch "$done_mark"
setsid "$dir/part-001" >> /var/log/cloud-init-output.log 2>&1 < /dev/null &
`;

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
  if (userData && Buffer.from(userData.subarray(0, 2)).toString() === '#!') {
    await runAsRoot(vm, runUserData, userData, [vmId]);
  }
}
