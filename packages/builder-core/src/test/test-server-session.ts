import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ServerChannel } from 'ssh2';

const sftpServers = ['/usr/lib/openssh/sftp-server', '/usr/libexec/openssh/sftp-server', '/usr/libexec/sftp-server'];

/** Runs `command` with `/bin/sh -c`, wiring the channel to its stdio and reporting its exit status or signal. */
export function runTestCommand(command: string, channel: ServerChannel, cwd: string | undefined): void {
  const child = spawn('/bin/sh', ['-c', command], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  channel.pipe(child.stdin).on('error', () => {});
  child.stdout.pipe(channel, { end: false });
  child.stderr.pipe(channel.stderr, { end: false });
  channel.on('signal' as 'close', (info?: { name?: string }) => {
    child.kill(`SIG${info?.name ?? 'TERM'}` as NodeJS.Signals);
  });
  channel.on('close', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  child.on('close', (code, signal) => {
    if (signal !== null) channel.exit(signal.replace(/^SIG/, ''), false, '');
    else channel.exit(code ?? 0);
    channel.end();
  });
}

/**
 * Serves SFTP by running OpenSSH's sftp-server on the channel. Its output ends the channel when it exits,
 * which OpenSSH's own `sftp` client needs. False when no sftp-server binary exists here.
 */
export function startSftpServer(accept: () => ServerChannel, path: string | undefined, cwd?: string): boolean {
  const binary = path ?? sftpServers.find((candidate) => existsSync(candidate));
  if (binary === undefined) return false;
  const channel = accept();
  const child = spawn(binary, [], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
  channel.pipe(child.stdin).on('error', () => {});
  child.stdout.pipe(channel);
  channel.on('close', () => child.kill('SIGTERM'));
  return true;
}
