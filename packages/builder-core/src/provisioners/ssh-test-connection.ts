import { connectSsh } from '../communicator/connect-ssh';
import type { SshCommunicator } from '../communicator/ssh-communicator';
import type { Ssh2TestServer } from '../test/start-ssh2-test-server';
import type { RunningSshd } from '../test/start-sshd';

/** Connects to a test sshd or ssh2 server as its authorized user, failing fast. */
export function connectTo(
  server: RunningSshd | Ssh2TestServer,
  method: 'scp' | 'sftp' = 'scp',
): Promise<SshCommunicator> {
  return connectSsh({
    host: server.host,
    port: server.port,
    username: server.username,
    privateKeys: [{ key: server.clientKey.privateKey }],
    timeoutMs: 10_000,
    handshakeAttempts: 1,
    fileTransferMethod: method,
  });
}
