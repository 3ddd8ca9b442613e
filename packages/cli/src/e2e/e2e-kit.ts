import { type ChildProcess, spawn } from 'node:child_process';
import type { AccountInventory, LocalCloud } from '@osc-packer/local-cloud';
import { oscPackerBin } from '../cli-test-helpers';

/** A running `osc-packer` process, its output as it arrives, and its end. */
export interface OscPackerProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr matches (tests wait on what the build says, never on time). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts the built binary as a user would: in `cwd`, with only `env` (plus PATH and HOME). */
export function spawnOscPacker(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): OscPackerProcess {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...options.env };
  const child = spawn(process.execPath, [oscPackerBin, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      notify();
      resolve(code ?? signal ?? -1);
    }),
  );
  let done = false;
  void exited.then(() => {
    done = true;
    notify();
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`timed out waiting for ${pattern}\n${stdout}\n${stderr}`)),
          timeoutMs,
        );
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) finish();
          else if (done) finish(new Error(`exited before ${pattern}\n${stdout}\n${stderr}`));
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs the binary to its end. */
export async function runOscPacker(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const run = spawnOscPacker(args, options);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** The `OSC_*` variables that point a build at an account of the cloud. */
export function cloudEnv(cloud: LocalCloud, accountIndex = 0): Record<string, string> {
  const account = cloud.accounts[accountIndex];
  if (!account) throw new Error(`the cloud has no account #${accountIndex}`);
  return {
    OSC_ENDPOINT_API: cloud.endpoint,
    OSC_ACCESS_KEY: account.accessKey,
    OSC_SECRET_KEY: account.secretKey,
    OSC_REGION: cloud.region,
  };
}

/** The live resources of an account, as the inventory lists them. */
export function accountInventory(cloud: LocalCloud, accountIndex = 0): AccountInventory {
  const id = cloud.accounts[accountIndex]?.accountId;
  const found = cloud.inventory().accounts.find((account) => account.accountId === id);
  if (!found) throw new Error(`no inventory for account #${accountIndex}`);
  return found;
}

/** What a build must never leave: VMs, key pairs, security groups, public IPs, volumes. */
export function temporaryLeft(cloud: LocalCloud, accountIndex = 0) {
  const { vms, keypairs, securityGroups, publicIps, volumes } = accountInventory(cloud, accountIndex);
  return { vms, keypairs, securityGroups, publicIps, volumes };
}

/** The inventory of a build that left nothing behind. */
export const nothingLeft = { vms: [], keypairs: [], securityGroups: [], publicIps: [], volumes: [] };
