import type { Client, ClientChannel, ExecOptions, PseudoTtyOptions } from 'ssh2';
import { SshError } from './ssh-error';

/** How a remote command's channel is requested. */
export interface ExecChannelOptions {
  pty?: boolean;
  /** Ask the server to forward our agent on this channel (ignored by ssh2 once granted). */
  agentForward?: boolean;
}

/** Packer's PTY request: no echo, 80x40 xterm. */
const ptyRequest: PseudoTtyOptions = {
  term: 'xterm',
  rows: 40,
  cols: 80,
  modes: { ECHO: 0, TTY_OP_ISPEED: 14400, TTY_OP_OSPEED: 14400 },
};

/**
 * Opens a session channel running `command`. Rejects with an SshError: `disconnected` when the connection
 * is gone, `remote` when the server refuses the channel or the command.
 */
export function openExecChannel(
  client: Client,
  address: string,
  command: string,
  options: ExecChannelOptions,
): Promise<ClientChannel> {
  const execOptions: ExecOptions = {};
  if (options.pty === true) execOptions.pty = ptyRequest;
  if (options.agentForward === true) (execOptions as ExecOptions & { agentForward: boolean }).agentForward = true;
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, execOptions, (error, channel) => {
        if (error) {
          const gone = /No response from server|Not connected/i.test(error.message);
          reject(
            new SshError(`cannot start a command on ${address}: ${error.message}`, {
              reason: gone ? 'disconnected' : 'remote',
              address,
              cause: error,
            }),
          );
          return;
        }
        resolve(channel);
      });
    } catch (error) {
      reject(
        new SshError(`cannot start a command on ${address}: ${(error as Error).message}`, {
          reason: 'disconnected',
          address,
          cause: error,
        }),
      );
    }
  });
}
