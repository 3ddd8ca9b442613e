import type { Readable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { ExitStatus, RemoteCommand } from './communicator';

/**
 * Streams a started command's input and output and resolves with how it ended: its exit code, the signal
 * that killed it, or `disconnected` when the channel closed without either (the connection dropped, or the
 * server vanished as in a reboot). On abort the command is sent TERM, its channel closed, and the promise
 * rejects with the signal's reason.
 */
export function runRemoteCommand(
  channel: ClientChannel,
  command: RemoteCommand,
  connection: { isClosed(): boolean; closed: Promise<string> },
  signal?: AbortSignal,
): Promise<ExitStatus> {
  return new Promise((resolve, reject) => {
    let exit: ExitStatus | undefined;
    const onAbort = () => {
      cleanup();
      channel.signal('TERM');
      channel.close();
      reject(signal?.reason);
    };
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    forward(channel, command.stdout);
    forward(channel.stderr, command.stderr);
    feedInput(channel, command.stdin);
    channel.on('exit', (code: number | null, signalName?: string) => {
      exit =
        typeof code === 'number'
          ? { kind: 'exited', code }
          : { kind: 'signal', signal: normalizeSignal(signalName ?? 'unknown') };
    });
    channel.on('close', () => {
      cleanup();
      if (signal?.aborted) return;
      if (exit !== undefined) {
        resolve(exit);
        return;
      }
      if (connection.isClosed()) {
        connection.closed.then((reason) => resolve({ kind: 'disconnected', reason }));
        return;
      }
      resolve({ kind: 'disconnected', reason: 'the command ended without an exit status' });
    });
  });
}

function forward(source: Readable, sink: NodeJS.WritableStream | undefined): void {
  if (sink === undefined) {
    // Unread output would stop the channel's window, and its close event with it.
    source.resume();
    return;
  }
  source.pipe(sink, { end: false });
}

function feedInput(channel: ClientChannel, stdin: RemoteCommand['stdin']): void {
  if (stdin === undefined) {
    channel.end();
    return;
  }
  if (typeof stdin === 'string' || stdin instanceof Uint8Array) {
    channel.end(Buffer.from(stdin));
    return;
  }
  stdin.pipe(channel);
}

function normalizeSignal(name: string): string {
  return name.startsWith('SIG') ? name : `SIG${name}`;
}
