import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import type { Writable } from 'node:stream';
import type { ServerChannel } from 'ssh2';
import { signalVmProcess } from '../vm/signal-vm-process';

/**
 * Connects a VM process to an SSH channel the way sshd does: channel data to its stdin (the client's EOF
 * closes it), its stdout and stderr to the channel's two streams with flow control both ways, then, once
 * everything it wrote is on its way, `exit-status` (or `exit-signal`), EOF and close. A channel the client
 * closes first hangs the process up (SIGHUP), as sshd's session cleanup does.
 */
export function connectProcessToChannel(channel: ServerChannel, child: ChildProcessWithoutNullStreams): void {
  let exited = false;
  child.stdin.on('error', () => {});
  channel.pipe(child.stdin);
  child.stdout.pipe(channel, { end: false });
  child.stderr.pipe(channel.stderr, { end: false });
  child.on('error', (error) => {
    channel.stderr.write(`local-cloud: cannot start the command: ${error.message}\n`);
  });
  child.on('close', (code, signal) => {
    exited = true;
    finish(channel, code, signal).catch(() => channel.destroy());
  });
  channel.on('close', () => {
    if (!exited) signalVmProcess(child.pid, 'SIGHUP');
    child.stdout.unpipe(channel);
    child.stderr.unpipe(channel.stderr);
    child.stdout.resume();
    child.stderr.resume();
  });
}

async function finish(channel: ServerChannel, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
  await Promise.all([drained(channel), drained(channel.stderr)]);
  if (!channel.writable) return;
  if (signal) exitBySignal(channel, signal);
  else channel.exit(code ?? 255);
  channel.end();
}

/** `exit-signal` for the signals SSH names (RFC 4254); a shell's 128+n status for the others (SIGBUS, …). */
function exitBySignal(channel: ServerChannel, signal: NodeJS.Signals): void {
  try {
    channel.exit(signal.replace(/^SIG/, ''), false, '');
  } catch {
    channel.exit(128 + (constants.signals[signal] ?? 0));
  }
}

async function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || !stream.writable) return;
  await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
}
