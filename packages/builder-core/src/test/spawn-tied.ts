import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const setpriv = '/usr/bin/setpriv';

/**
 * Spawns a server for a test so that it dies with the test process, even when the test runner is killed
 * (util-linux's `setpriv --pdeathsig`; without it, the server only stops when asked).
 */
export function spawnTied(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  if (process.platform !== 'linux' || !existsSync(setpriv)) return spawn(command, args, options);
  return spawn(setpriv, ['--pdeathsig', 'SIGTERM', '--', command, ...args], options);
}
