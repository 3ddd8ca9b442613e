import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A running ssh-agent holding test keys; pass `socket` where SSH_AUTH_SOCK would go. */
export interface RunningSshAgent {
  readonly socket: string;
  /** Adds an unencrypted private key (OpenSSH or PEM text) to the agent. */
  addKey(privateKey: string): Promise<void>;
  stop(): Promise<void>;
}

/** Why an ssh-agent cannot run here, or undefined when it can. */
export function sshAgentSkipReason(): string | undefined {
  const found = ['/usr/bin/ssh-agent', '/usr/bin/ssh-add'].every((path) => existsSync(path));
  return found ? undefined : 'needs ssh-agent and ssh-add (Debian package openssh-client)';
}

/** Starts `ssh-agent -D` on a socket in a temporary directory. */
export async function startSshAgent(): Promise<RunningSshAgent> {
  const reason = sshAgentSkipReason();
  if (reason !== undefined) throw new Error(`cannot start ssh-agent: ${reason}`);
  const dir = await mkdtemp(join(tmpdir(), 'osc-packer-agent-'));
  const socket = join(dir, 'agent.sock');
  // ssh-agent is setgid, which clears a parent-death signal: a shell holding our stdin pipe kills it when
  // this process goes away (the pipe closes), or when `stop` closes the pipe.
  const child = spawn(
    '/bin/sh',
    ['-c', '/usr/bin/ssh-agent -D -a "$0" >/dev/null 2>&1 & agent=$!; read _; kill "$agent"; wait "$agent"', socket],
    { stdio: ['pipe', 'ignore', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; !existsSync(socket); waited += 20) {
    if (waited > 5_000 || child.exitCode !== null) {
      child.stdin?.end();
      await rm(dir, { recursive: true, force: true });
      throw new Error('ssh-agent did not create its socket');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  let count = 0;
  return {
    socket,
    addKey: async (privateKey) => {
      count += 1;
      const file = join(dir, `key-${count}`);
      await writeFile(file, privateKey.endsWith('\n') ? privateKey : `${privateKey}\n`, { mode: 0o600 });
      await promisify(execFile)('/usr/bin/ssh-add', [file], { env: { SSH_AUTH_SOCK: socket } });
    },
    stop: async () => {
      child.stdin?.end();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
