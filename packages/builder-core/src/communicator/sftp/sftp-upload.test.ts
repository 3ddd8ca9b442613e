import { randomFillSync } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ssh2TestServer, startSsh2TestServer } from '../../test/start-ssh2-test-server';
import { waitUntil } from '../../test/wait-until';
import { connectSsh } from '../connect-ssh';
import type { SshCommunicator } from '../ssh-communicator';

const sftpServer = ['/usr/lib/openssh/sftp-server', '/usr/libexec/openssh/sftp-server'].find((p) => existsSync(p));

// OpenSSH's sftp-server behind a wrapper that logs at INFO level (opens and closes, with bytes written), notes
// its process id, and may cap the size of the files it writes (writes past the cap fail with EFBIG).
describe.skipIf(sftpServer === undefined)(
  `SFTP uploads against OpenSSH's sftp-server ${sftpServer === undefined ? '(needs openssh-sftp-server)' : ''}`,
  { timeout: 30_000 },
  () => {
    let work: string;
    let server: Ssh2TestServer | undefined;
    let comm: SshCommunicator | undefined;
    const log = () => readFile(join(work, 'sftp-server.log'), 'utf8').catch(() => '');

    beforeEach(async () => {
      work = await mkdtemp(join(tmpdir(), 'osc-packer-sftp-upload-'));
    });
    afterEach(async () => {
      await comm?.close();
      await server?.stop();
      comm = undefined;
      server = undefined;
      await rm(work, { recursive: true, force: true });
    });

    const connect = async (fileSizeCap?: string) => {
      const wrapper = join(work, 'sftp-server.sh');
      const cap = fileSizeCap === undefined ? '' : `trap '' XFSZ\nulimit -f ${fileSizeCap}\n`;
      const script = `#!/bin/sh\necho $$ > "${work}/sftp-server.pid"\n${cap}exec ${sftpServer} -e -l INFO 2>>"${work}/sftp-server.log"\n`;
      await writeFile(wrapper, script, { mode: 0o755 });
      server = await startSsh2TestServer({ sftpServerPath: wrapper, cwd: work });
      comm = await connectSsh({
        host: server.host,
        port: server.port,
        username: server.username,
        privateKeys: [{ key: server.clientKey.privateKey }],
        timeoutMs: 10_000,
        fileTransferMethod: 'sftp',
      });
      return comm;
    };

    it('uploads files and buffers larger than the write window intact, with progress up to their size', async () => {
      const sftp = await connect();
      // Several times the 4 MiB of writes kept in flight and the 2 MiB SSH window, and not a whole number of
      // 255 KiB requests, 32 KiB packets or 1 MiB read blocks.
      const data = randomFillSync(Buffer.alloc(9 * 1024 * 1024 + 12_345));
      const local = join(work, 'local.bin');
      await writeFile(local, data);
      const progress: number[] = [];
      await sftp.upload(join(work, 'from-file.bin'), createReadStream(local), {
        onProgress: (done) => progress.push(done),
      });
      expect((await readFile(join(work, 'from-file.bin'))).equals(data)).toBe(true);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(data.length);
      await sftp.upload(join(work, 'from-buffer.bin'), data);
      expect((await readFile(join(work, 'from-buffer.bin'))).equals(data)).toBe(true);
      expect(await log()).toMatch(new RegExp(`close "[^"]*from-buffer.bin" bytes read 0 written ${data.length}`));
    });

    it('reports the SFTP status of a write that fails midway, and closes the remote file', async () => {
      // 2048 blocks of 512 bytes: 1 MiB.
      const sftp = await connect('2048');
      const data = Buffer.alloc(4 * 1024 * 1024, 1);
      const failed = await sftp.upload(join(work, 'capped.bin'), data).catch((error: unknown) => error);
      expect((failed as Error).message).toMatch(/^sftp: cannot write \S*capped.bin: Failure \(SSH_FX_FAILURE\)$/);
      expect((await stat(join(work, 'capped.bin'))).size).toBeLessThan(data.length);
      expect(await log()).toMatch(/close "[^"]*capped.bin" bytes read 0 written \d+/);
      // The session is still usable for a file under the cap.
      await sftp.upload(join(work, 'small.txt'), Buffer.from('fits'));
      expect(await readFile(join(work, 'small.txt'), 'utf8')).toBe('fits');
    });

    it('stops writing on abort mid-upload: the rejection carries the reason and the session ends', async () => {
      const sftp = await connect();
      const data = Buffer.alloc(16 * 1024 * 1024, 2);
      const controller = new AbortController();
      const upload = sftp.upload(join(work, 'aborted.bin'), data, {
        signal: controller.signal,
        onProgress: () => controller.abort(new Error('user pressed Ctrl-C')),
      });
      await expect(upload).rejects.toThrow('user pressed Ctrl-C');
      const pid = Number(await readFile(join(work, 'sftp-server.pid'), 'utf8'));
      await waitUntil(() => !isAlive(pid));
      expect((await stat(join(work, 'aborted.bin'))).size).toBeLessThan(data.length);
      await sftp.upload(join(work, 'after.txt'), Buffer.from('fine'));
      expect(await readFile(join(work, 'after.txt'), 'utf8')).toBe('fine');
    });
  },
);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
