import { readFileSync } from 'node:fs';

/**
 * Sends `signal` to the VM side of a process started with `VmInit.spawn`: the child nsenter forked
 * inside the VM (the user's shell), not nsenter itself, which would die and orphan the command. Falls
 * back to the host process while the child does not exist yet. Returns false when nothing was signalled.
 */
export function signalVmProcess(hostPid: number | undefined, signal: NodeJS.Signals): boolean {
  if (hostPid === undefined) return false;
  try {
    const children = readFileSync(`/proc/${hostPid}/task/${hostPid}/children`, 'utf8');
    const target = Number(children.trim().split(/\s+/)[0]) || hostPid;
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}
