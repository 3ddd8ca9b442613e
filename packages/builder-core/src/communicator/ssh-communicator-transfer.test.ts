import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOutput } from '../test/output-collector';
import { type RunningSshd, sshdSkipReason, startSshd } from '../test/start-sshd';
import { connectSsh } from './connect-ssh';
import type { SshCommunicator } from './ssh-communicator';
import { SshError } from './ssh-error';

const noSshd = sshdSkipReason();

describe.skipIf(noSshd !== undefined)(
  `SSH communicator file transfers against OpenSSH sshd ${noSshd ?? ''}`,
  { timeout: 20_000 },
  () => {
    let sshd: RunningSshd;
    let work: string;
    let source: string;
    const comms: Record<'scp' | 'sftp', SshCommunicator | undefined> = { scp: undefined, sftp: undefined };
    const comm = (method: 'scp' | 'sftp') => comms[method] as SshCommunicator;

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'osc-packer-transfer-test-'));
      source = join(work, 'src');
      await makeTree(source);
      sshd = await startSshd();
      for (const method of ['scp', 'sftp'] as const) {
        comms[method] = await connectSsh({
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          privateKeys: [{ key: sshd.clientKey.privateKey }],
          timeoutMs: 10_000,
          fileTransferMethod: method,
          tempDir: work,
        });
      }
    });
    afterAll(async () => {
      await comms.scp?.close();
      await comms.sftp?.close();
      await sshd?.stop();
      await rm(work, { recursive: true, force: true });
    });

    describe.each(['scp', 'sftp'] as const)('over %s', (method) => {
      let remote: string;
      beforeAll(async () => {
        remote = join(work, `remote-${method}`);
        await mkdir(remote);
      });

      it('uploads bytes, streams of unknown size and files, with their mode', async () => {
        const progress: [number, number | undefined][] = [];
        await comm(method).upload(join(remote, 'bytes.sh'), Buffer.from('#!/bin/sh\necho hi\n'), {
          mode: 0o750,
          onProgress: (done, total) => progress.push([done, total]),
        });
        expect(await readFile(join(remote, 'bytes.sh'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
        expect((await stat(join(remote, 'bytes.sh'))).mode & 0o777).toBe(0o750);
        expect(progress.at(-1)).toEqual([18, 18]);
        const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(10_000, i));
        await comm(method).upload(join(remote, 'stream.bin'), Readable.from(chunks));
        expect((await readFile(join(remote, 'stream.bin'))).equals(Buffer.concat(chunks))).toBe(true);
        await comm(method).upload(join(remote, 'file.txt'), createReadStream(join(source, 'a.txt')));
        expect(await readFile(join(remote, 'file.txt'), 'utf8')).toBe('alpha\n');
        await comm(method).upload(join(remote, 'with space.txt'), Buffer.from('x'));
        expect(await readFile(join(remote, 'with space.txt'), 'utf8')).toBe('x');
      });

      it('fails when a stream does not match its announced size, and when the remote path is unwritable', async () => {
        const short = comm(method).upload(join(remote, 'short.bin'), Readable.from([Buffer.alloc(10)]), { size: 20 });
        await expect(short).rejects.toThrow(/gave 10 bytes where 20 were announced/);
        const missing = comm(method).upload(join(remote, 'no/such/dir/f.txt'), Buffer.from('x'));
        await expect(missing).rejects.toThrow(/No such file/i);
        // The communicator is still usable afterwards.
        await comm(method).upload(join(remote, 'after.txt'), Buffer.from('ok'));
        expect(await readFile(join(remote, 'after.txt'), 'utf8')).toBe('ok');
      });

      it('downloads files and reports missing ones with the remote message', async () => {
        const out = collectOutput();
        await comm(method).download(join(source, 'sub', 'c.txt'), out.stream);
        expect(out.text()).toBe('charlie\n');
        const big = collectOutput();
        await comm(method).download(join(source, 'big.bin'), big.stream);
        expect(big.bytes().equals(await readFile(join(source, 'big.bin')))).toBe(true);
        const error = await comm(method)
          .download(join(source, 'missing.txt'), collectOutput().stream)
          .catch((e: unknown) => e);
        expect(SshError.isInstance(error) && error.reason).toBe('remote');
        expect((error as Error).message).toMatch(/No such file/i);
      });

      it('uploads a directory itself, or its contents with a trailing slash, following links and excluding', async () => {
        await comm(method).uploadDir(join(remote, 'itself'), source, { exclude: ['*.log', 'deep/', 'big.bin'] });
        expect(await listTree(join(remote, 'itself'))).toEqual({
          'src/': 'dir',
          'src/a.txt': 'alpha\n',
          'src/empty/': 'dir',
          'src/link/': 'dir',
          'src/link/c.txt': 'charlie\n',
          'src/run.sh': 'run\n',
          'src/sub/': 'dir',
          'src/sub/c.txt': 'charlie\n',
        });
        expect((await stat(join(remote, 'itself', 'src', 'run.sh'))).mode & 0o777).toBe(0o755);
        let total: number | undefined;
        await comm(method).uploadDir(join(remote, 'contents'), `${source}/`, {
          exclude: ['link', 'big.bin'],
          onProgress: (_done, all) => {
            total = all;
          },
        });
        expect(Object.keys(await listTree(join(remote, 'contents')))).toEqual([
          'a.txt',
          'empty/',
          'run.sh',
          'sub/',
          'sub/b.log',
          'sub/c.txt',
          'sub/deep/',
          'sub/deep/d.txt',
        ]);
        expect(total).toBe(6 + 4 + 6 + 8 + 6);
      });

      it('downloads a directory itself, or its contents with a trailing slash, excluding', async () => {
        const itself = join(work, `down-${method}-itself`);
        await comm(method).downloadDir(join(source, 'sub'), itself, { exclude: ['*.log'] });
        expect(await listTree(itself)).toEqual({
          'sub/': 'dir',
          'sub/c.txt': 'charlie\n',
          'sub/deep/': 'dir',
          'sub/deep/d.txt': 'delta\n',
        });
        const contents = join(work, `down-${method}-contents`);
        await comm(method).downloadDir(`${join(source, 'sub')}/`, contents, { exclude: ['deep'] });
        expect(await listTree(contents)).toEqual({ 'b.log': 'bravo\n', 'c.txt': 'charlie\n' });
        await expect(comm(method).downloadDir(join(source, 'a.txt'), contents)).rejects.toThrow(/not a directory/);
      });

      it('stops a transfer on abort and stays usable', async () => {
        const controller = new AbortController();
        const upload = comm(method).upload(join(remote, 'aborted.bin'), createReadStream(join(source, 'big.bin')), {
          signal: controller.signal,
          onProgress: () => controller.abort(new Error('user pressed Ctrl-C')),
        });
        await expect(upload).rejects.toThrow('user pressed Ctrl-C');
        const download = new AbortController();
        const sink = collectOutput();
        const downloading = comm(method).download(join(source, 'big.bin'), sink.stream, {
          signal: download.signal,
          onProgress: () => download.abort(new Error('enough')),
        });
        await expect(downloading).rejects.toThrow('enough');
        await comm(method).upload(join(remote, 'after-abort.txt'), Buffer.from('fine'));
        expect(await readFile(join(remote, 'after-abort.txt'), 'utf8')).toBe('fine');
      });
    });
  },
);

async function makeTree(root: string): Promise<void> {
  await mkdir(join(root, 'sub', 'deep'), { recursive: true });
  await mkdir(join(root, 'empty'));
  await writeFile(join(root, 'a.txt'), 'alpha\n');
  await writeFile(join(root, 'run.sh'), 'run\n', { mode: 0o755 });
  await writeFile(join(root, 'sub', 'b.log'), 'bravo\n');
  await writeFile(join(root, 'sub', 'c.txt'), 'charlie\n');
  await writeFile(join(root, 'sub', 'deep', 'd.txt'), 'delta\n');
  await writeFile(join(root, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
  await symlink('sub', join(root, 'link'));
}

/** Every entry under `root`: directories as `dir`, files with their text. */
async function listTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[`${prefix}${entry.name}/`] = 'dir';
        await walk(path, `${prefix}${entry.name}/`);
      } else {
        out[`${prefix}${entry.name}`] = await readFile(path, 'utf8');
      }
    }
  };
  await walk(root, '');
  return out;
}
