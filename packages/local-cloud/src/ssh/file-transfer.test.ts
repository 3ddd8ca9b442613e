import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, SFTPWrapper } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningVm } from '../runtime/vm-runtime';
import {
  exec,
  hasProgram,
  opensshOptions,
  randomContent,
  runClient,
  VmHarness,
  writeIdentity,
} from '../testing/vm-harness';

// Real VMs on a shared 2-core machine: boots take a fraction of a second, but leave room under load.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
}

const call = <T>(fn: (done: (error: Error | null | undefined, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));

// One scenario per SFTP implementation: OpenSSH's sftp-server inside the VM (when the host has it), and
// local-cloud's own for hosts without it.
describe.each([
  { name: 'sftp-server inside the VM', sftpServer: 'auto' as const },
  { name: 'the built-in SFTP server', sftpServer: 'builtin' as const },
])('file transfer with $name', ({ sftpServer }) => {
  let h: VmHarness;
  let vm: RunningVm;
  let client: Client;
  let dir: string;
  let identity: string;
  const payload = randomContent(3 * 1024 * 1024 + 123);

  beforeAll(async () => {
    h = VmHarness.create({}, { sftpServer });
    vm = await h.boot();
    client = await h.connect(vm);
    dir = mkdtempSync(join(tmpdir(), 'vm-transfer-'));
    identity = writeIdentity(dir, h.key);
    writeFileSync(join(dir, 'payload'), payload);
  });
  afterAll(async () => {
    client?.end();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads and downloads with ssh2 (fastPut/fastGet), files owned by outscale', async () => {
    const sftp = await sftpOf(client);
    await call((done) => sftp.fastPut(join(dir, 'payload'), '/tmp/up.bin', done));
    const inVm = await exec(client, 'sha256sum /tmp/up.bin; stat -c %U /tmp/up.bin');
    expect(inVm.stdout).toBe(`${sha(payload)}  /tmp/up.bin\n${process.getuid?.() === 0 ? 'outscale' : 'root'}\n`);
    await call((done) => sftp.fastGet('/tmp/up.bin', join(dir, 'down.bin'), done));
    expect(sha(readFileSync(join(dir, 'down.bin')))).toBe(sha(payload));
    sftp.end();
  });

  it('answers directory listings, stat, rename, mkdir, symlink and remove like sftp-server', async () => {
    const sftp = await sftpOf(client);
    const serving = await exec(client, 'ps -eo args');
    expect(serving.stdout).toContain(sftpServer === 'builtin' ? '/run/local-cloud/node/' : 'sftp-server');
    await call((done) => sftp.mkdir('/tmp/d', done));
    await call((done) => sftp.writeFile('/tmp/d/a.txt', 'alpha', done));
    await call((done) => sftp.rename('/tmp/d/a.txt', '/tmp/d/b.txt', done));
    await call((done) => sftp.symlink('/tmp/d/b.txt', '/tmp/d/link', done));
    expect(await call<string>((done) => sftp.readlink('/tmp/d/link', done))).toBe('/tmp/d/b.txt');
    const names = await call<{ filename: string }[]>((done) => sftp.readdir('/tmp/d', done));
    expect(names?.map((n) => n.filename).sort()).toEqual(['b.txt', 'link']);
    expect((await call<{ size: number }>((done) => sftp.stat('/tmp/d/link', done)))?.size).toBe(5);
    expect(await call<string>((done) => sftp.realpath('.', done))).toBe('/home/outscale');
    await expect(call((done) => sftp.stat('/tmp/d/missing', done))).rejects.toThrow(/No such file/);
    await expect(call((done) => sftp.writeFile('/etc/forbidden', 'x', done))).rejects.toThrow(
      process.getuid?.() === 0 ? /Permission denied/ : /./,
    );
    await call((done) => sftp.unlink('/tmp/d/link', done));
    await call((done) => sftp.unlink('/tmp/d/b.txt', done));
    await call((done) => sftp.rmdir('/tmp/d', done));
    sftp.end();
  });

  it.skipIf(!hasProgram('scp'))(
    'takes uploads and downloads from OpenSSH scp, legacy protocol (scp -t) and SFTP',
    async () => {
      const target = `outscale@${vm.ssh.host}`;
      const port = ['-P', `${vm.ssh.port}`];
      const legacy = await runClient('scp', [
        ...opensshOptions(identity),
        '-O',
        ...port,
        join(dir, 'payload'),
        `${target}:/tmp/legacy.bin`,
      ]);
      expect(legacy).toMatchObject({ code: 0, stderr: '' });
      const modern = await runClient('scp', [
        ...opensshOptions(identity),
        ...port,
        join(dir, 'payload'),
        `${target}:modern.bin`,
      ]);
      expect(modern).toMatchObject({ code: 0, stderr: '' });
      const back = await runClient('scp', [
        ...opensshOptions(identity),
        '-O',
        ...port,
        `${target}:/tmp/legacy.bin`,
        join(dir, 'scp-back'),
      ]);
      expect(back.code).toBe(0);
      expect(sha(readFileSync(join(dir, 'scp-back')))).toBe(sha(payload));
      const sums = await exec(client, 'sha256sum /tmp/legacy.bin modern.bin');
      expect(sums.stdout).toBe(`${sha(payload)}  /tmp/legacy.bin\n${sha(payload)}  modern.bin\n`);
    },
  );

  it.skipIf(!hasProgram('sftp'))('serves OpenSSH sftp in batch mode to the end of the session', async () => {
    const batch = `put ${join(dir, 'payload')} /tmp/batch.bin\nls -l /tmp/batch.bin\nget /tmp/batch.bin ${join(dir, 'sftp-back')}\nbye\n`;
    const result = await runClient(
      'sftp',
      [...opensshOptions(identity), '-P', `${vm.ssh.port}`, '-b', '-', `outscale@${vm.ssh.host}`],
      batch,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${payload.length}`);
    expect(sha(readFileSync(join(dir, 'sftp-back')))).toBe(sha(payload));
  });
});
