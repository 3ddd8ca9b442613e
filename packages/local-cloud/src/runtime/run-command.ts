import { spawn } from 'node:child_process';
import { MachineError } from './machine-error';

/** Output of a host command that exited with status 0. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  input?: string | Uint8Array;
  env?: NodeJS.ProcessEnv;
  /** Exit statuses that count as success besides 0. */
  allowExit?: readonly number[];
}

/**
 * Runs a host tool (cp, losetup, sync, …) without a shell and returns its output; throws a `MachineError`
 * (`command-failed`) quoting the tool's stderr when it exits non-zero or cannot start.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env ?? { PATH: defaultPath }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
    child.on('error', (error) => {
      reject(new MachineError('command-failed', `could not run ${file}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      const out = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
      if (code === 0 || (code !== null && options.allowExit?.includes(code))) return resolve(out);
      const status = signal ? `was killed by ${signal}` : `exited with status ${code}`;
      const detail = out.stderr.trim() || out.stdout.trim();
      reject(new MachineError('command-failed', `${file} ${args.join(' ')} ${status}${detail ? `: ${detail}` : ''}`));
    });
  });
}

/** The PATH host tools run with: fixed, so a caller's environment cannot pick which binary runs as root. */
export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
