import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux the bench runs on). */
const clockTicks = 100;

/** User plus system CPU time of a process so far, in ms, from /proc (0 when it is gone). */
export async function processCpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const fields = await statFields(pid);
  return fields === undefined ? 0 : ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/**
 * CPU time in ms of a process and all its live descendants, plus what their reaped children used: the
 * server side of a transfer (sshd, its session processes, internal-sftp).
 */
export async function treeCpuMs(root: number): Promise<number> {
  const parents = new Map<number, number>();
  const times = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const fields = await statFields(pid);
    if (fields === undefined) continue;
    parents.set(pid, Number(fields[1]));
    times.set(
      pid,
      [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0),
    );
  }
  let total = 0;
  for (const [pid, ticks] of times) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (at === root) {
        total += ticks;
        break;
      }
    }
  }
  return (total * 1000) / clockTicks;
}

/** The fields of /proc/<pid>/stat after the command name (state first), or undefined if it is gone. */
async function statFields(pid: number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.replace(/^.*\) /, '').split(' ');
}

/** The id of the first process whose command line contains `text`. */
export async function findProcess(text: string): Promise<number> {
  for (const name of await readdir('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.replaceAll('\0', ' ').includes(text)) return pid;
  }
  throw new Error(`no process runs with "${text}" in its command line`);
}
