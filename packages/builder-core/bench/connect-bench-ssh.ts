import { connectSsh } from '../src/communicator/connect-ssh';
import type { RunningSshd } from '../src/test/start-sshd';

/** Our SSH communicator, connected to the bench's sshd with one cipher and one file transfer method. */
export function connectBenchSsh(sshd: RunningSshd, cipher: string, method: 'scp' | 'sftp') {
  return connectSsh({
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKeys: [{ key: sshd.clientKey.privateKey }],
    timeoutMs: 10_000,
    ciphers: [cipher],
    fileTransferMethod: method,
  });
}
