import { spawn } from 'node:child_process';
import type { Logger } from '../../ui/logger';
import type { Ui } from '../../ui/ui';
import { LineSplitter } from '../line-splitter';

/**
 * Runs a local program (argv[0] with the rest as arguments) in `cwd` with the given environment, streaming
 * standard output as Ui detail and standard error as Ui errors, line by line. Resolves with its exit code;
 * on abort its process group is sent SIGTERM (SIGKILL two seconds later) and the promise rejects with the abort reason.
 */
export function runLocalCommand(
  argv: readonly string[],
  run: {
    ui: Ui;
    log: Logger;
    signal: AbortSignal;
    cwd: string;
    env: Readonly<Record<string, string | undefined>>;
  },
): Promise<number> {
  const [program, ...args] = argv;
  if (!program) return Promise.reject(new Error('execute_command is empty'));
  run.signal.throwIfAborted();
  run.log.info(`shell-local: starting local command: ${argv.join(' ')}`);
  return new Promise((resolve, reject) => {
    // Its own process group, so cancelling stops the scripts it starts too (sh -c script -> sleep).
    const child = spawn(program, args, {
      cwd: run.cwd,
      env: { ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout = new LineSplitter((line) => run.ui.message(line));
    const stderr = new LineSplitter((line) => run.ui.error(line));
    child.stdout.pipe(stdout);
    child.stderr.pipe(stderr);
    let killer: ReturnType<typeof setTimeout> | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    const onAbort = () => {
      killGroup('SIGTERM');
      killer = setTimeout(() => killGroup('SIGKILL'), 2000);
      killer.unref();
    };
    run.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      run.signal.removeEventListener('abort', onAbort);
      reject(new Error(`Error executing script: ${argv.join(' ')}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      run.signal.removeEventListener('abort', onAbort);
      if (killer) clearTimeout(killer);
      if (run.signal.aborted) reject(run.signal.reason);
      else if (code === null) reject(new Error(`Error executing script: killed by ${signal ?? 'a signal'}`));
      else resolve(code);
    });
  });
}
