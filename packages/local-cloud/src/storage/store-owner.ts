import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The environment variable a VM's init carries with its store's directory, so a sweep can find it. */
export const storeEnvName = 'OSC_LOCAL_CLOUD_STORE';

/** The file in each store directory that says which process owns it. */
export const ownerMarkerName = '.osc-local-cloud-owner.json';

/** Which process owns a store: enough to tell, later, whether that very process is still alive. */
export interface StoreOwner {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat`), so a reused pid is told apart. */
  readonly startTicks: number;
  /** The kernel's boot id: after a reboot every owner is gone. */
  readonly bootId: string;
  /** The owner's PID namespace: a pid means nothing in another one, so such stores are left alone. */
  readonly pidNamespace: string;
  /** The owner's machine: a temporary directory shared between machines is left alone too. */
  readonly host: string;
  readonly createdAt: string;
}

function startTicksOf(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3; start time is 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function bootId(): string {
  return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
}

function pidNamespace(): string {
  return readlinkSync('/proc/self/ns/pid');
}

/** This process, as the owner of a store it creates. */
export function currentOwner(now: Date): StoreOwner {
  return {
    pid: process.pid,
    startTicks: startTicksOf('self') ?? 0,
    bootId: bootId(),
    pidNamespace: pidNamespace(),
    host: hostname(),
    createdAt: now.toISOString(),
  };
}

/** Writes the owner marker into a new store directory. */
export function writeOwnerMarker(dir: string, owner: StoreOwner): void {
  writeFileSync(join(dir, ownerMarkerName), `${JSON.stringify(owner)}\n`, { mode: 0o600, flag: 'wx' });
}

/** The owner a store's marker names, or undefined when there is no readable marker (not a store of ours). */
export function readOwnerMarker(dir: string): StoreOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, ownerMarkerName), 'utf8')) as Partial<StoreOwner>;
    const { pid, startTicks, bootId: boot, pidNamespace: ns, host, createdAt } = owner;
    if (typeof pid !== 'number' || typeof startTicks !== 'number' || typeof boot !== 'string') return undefined;
    if (typeof ns !== 'string' || typeof host !== 'string' || typeof createdAt !== 'string') return undefined;
    return { pid, startTicks, bootId: boot, pidNamespace: ns, host, createdAt };
  } catch {
    return undefined;
  }
}

/**
 * Whether the owner is certainly gone: the machine rebooted since, or no process has its pid with its
 * start time. An owner on another machine or in another PID namespace cannot be judged and counts as
 * alive.
 */
export function isOwnerGone(owner: StoreOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.bootId !== bootId()) return true;
  if (owner.pidNamespace !== pidNamespace()) return false;
  const ticks = startTicksOf(owner.pid);
  return ticks === undefined || ticks !== owner.startTicks;
}
