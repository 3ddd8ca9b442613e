// A throwaway OpenSSH sshd on a free loopback port: the baseline the benches compare VMs against.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { generateEd25519Key } from '../src/ssh/ed25519-key';

/** A running sshd accepting one public key for the current user. */
export interface BaselineSshd {
  host: string;
  port: number;
  user: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `/usr/sbin/sshd -D -e` with its config and keys in `dir`, serving SFTP with OpenSSH's sftp-server. */
export async function startBaselineSshd(dir: string, authorizedKey: string): Promise<BaselineSshd> {
  await mkdir(dir, { recursive: true });
  const root = process.getuid?.() === 0;
  if (root) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = generateEd25519Key();
  await writeFile(join(dir, 'host_key'), hostKey.private, { mode: 0o600 });
  await writeFile(join(dir, 'authorized_keys'), `${authorizedKey}\n`);
  const port = await freePort();
  const config = [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'PidFile none',
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    `PermitRootLogin ${root ? 'yes' : 'no'}`,
  ];
  await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    host: '127.0.0.1',
    port,
    user: userInfo().username,
    stop: async () => {
      child.kill();
    },
  };
}
