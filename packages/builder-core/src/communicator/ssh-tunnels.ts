import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TcpConnectionDetails } from 'ssh2';
import type { SshTunnel } from './ssh-communicator-options';
import type { SshConnection } from './ssh-connection';
import { SshError } from './ssh-error';

/**
 * Starts the tunnels of one connection (`ssh_local_tunnels`: listen here, connect from the remote machine;
 * `ssh_remote_tunnels`: listen there, connect from here). They stop when the connection closes. Rejects with
 * an SshError (`config`) when a port cannot be bound on either side.
 */
export async function startTunnels(
  connection: SshConnection,
  tunnels: readonly SshTunnel[],
  log?: (message: string) => void,
): Promise<void> {
  for (const tunnel of tunnels) {
    if (tunnel.direction === 'local') await startLocal(connection, tunnel, log);
    else await startRemote(connection, tunnel, log);
  }
}

async function startLocal(connection: SshConnection, tunnel: SshTunnel, log?: (message: string) => void) {
  const server: Server = createServer((socket) => {
    connection.client.forwardOut(
      socket.remoteAddress ?? '127.0.0.1',
      socket.remotePort ?? 0,
      tunnel.forwardHost,
      tunnel.forwardPort,
      (error, channel) => {
        if (error) {
          log?.(`tunnel to ${tunnel.forwardHost}:${tunnel.forwardPort} refused by the remote side: ${error.message}`);
          socket.destroy();
          return;
        }
        splice(socket, channel);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new SshError(
          `ssh_local_tunnels: cannot listen on ${tunnel.listenHost}:${tunnel.listenPort}: ${error.message}`,
          {
            reason: 'config',
            cause: error,
          },
        ),
      ),
    );
    server.listen(tunnel.listenPort, tunnel.listenHost, () => resolve());
  });
  void connection.closed.then(() => server.close());
  log?.(`tunnel: ${tunnel.listenHost}:${tunnel.listenPort} here -> ${tunnel.forwardHost}:${tunnel.forwardPort} there`);
}

async function startRemote(connection: SshConnection, tunnel: SshTunnel, log?: (message: string) => void) {
  const { client } = connection;
  await new Promise<void>((resolve, reject) => {
    client.forwardIn(tunnel.listenHost, tunnel.listenPort, (error) => {
      if (error) {
        const where = `${tunnel.listenHost}:${tunnel.listenPort}`;
        reject(
          new SshError(`ssh_remote_tunnels: the remote side cannot listen on ${where}: ${error.message}`, {
            reason: 'config',
            cause: error,
          }),
        );
      } else {
        resolve();
      }
    });
  });
  client.on('tcp connection', (details: TcpConnectionDetails, accept, reject) => {
    if (details.destPort !== tunnel.listenPort) return;
    const socket = connect(tunnel.forwardPort, tunnel.forwardHost);
    socket.once('connect', () => splice(socket, accept()));
    socket.once('error', () => reject());
  });
  log?.(`tunnel: ${tunnel.listenHost}:${tunnel.listenPort} there -> ${tunnel.forwardHost}:${tunnel.forwardPort} here`);
}

function splice(socket: Socket, channel: Duplex): void {
  socket.pipe(channel).pipe(socket);
  const stop = () => {
    socket.destroy();
    channel.destroy();
  };
  socket.once('error', stop).once('close', stop);
  channel.once('error', stop).once('close', stop);
}
