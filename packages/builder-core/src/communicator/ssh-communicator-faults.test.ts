import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectOutput } from '../test/output-collector';
import { type Ssh2TestServer, type Ssh2TestServerOptions, startSsh2TestServer } from '../test/start-ssh2-test-server';
import { waitUntil } from '../test/wait-until';
import { connectSsh } from './connect-ssh';
import type { SshCommunicatorOptions } from './ssh-communicator-options';
import { SshError } from './ssh-error';

describe('SSH communicator against an ssh2 server with faults', { timeout: 20_000 }, () => {
  let server: Ssh2TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const start = async (options: Ssh2TestServerOptions = {}) => {
    server = await startSsh2TestServer(options);
    return server;
  };
  const options = (s: Ssh2TestServer, extra: Partial<SshCommunicatorOptions> = {}): SshCommunicatorOptions => ({
    host: s.host,
    port: s.port,
    username: s.username,
    privateKeys: [{ key: s.clientKey.privateKey }],
    timeoutMs: 10_000,
    retryDelay: { minMs: 20, maxMs: 50 },
    ...extra,
  });

  it('retries refused authentication up to ssh_handshake_attempts', async () => {
    const s = await start({ refuseAuthConnections: 2 });
    const comm = await connectSsh(options(s, { handshakeAttempts: 3 }));
    expect(s.stats().connections).toBe(3);
    await comm.close();
    await s.stop();
    const stubborn = await start({ refuseAuthConnections: 5 });
    const error = await connectSsh(options(stubborn, { handshakeAttempts: 2 })).catch((e: unknown) => e);
    expect(SshError.isInstance(error) && error.reason).toBe('authentication');
    expect((error as Error).message).toMatch(/gave up after 2 authentication failures \(ssh_handshake_attempts\)/);
    expect(stubborn.stats().connections).toBe(2);
  });

  it('waits for a slow banner', async () => {
    const s = await start({ bannerDelayMs: 400 });
    const comm = await connectSsh(options(s));
    expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
    await comm.close();
  });

  it('authenticates with a password, and answers keyboard-interactive with it as Packer does', async () => {
    const s = await start({ password: 'pw', keyboardInteractive: { prompts: ['Password: '], answers: ['pw'] } });
    const comm = await connectSsh(options(s, { privateKeys: [], password: 'pw' }));
    await comm.close();
    expect(s.stats().authMethods).toContain('password');
    const answers = await connectSsh(
      options(s, { privateKeys: [], keyboardInteractive: async (prompts) => prompts.map(() => 'pw') }),
    );
    await answers.close();
    expect(s.stats().authMethods.at(-1)).toBe('keyboard-interactive');
    const wrong = await connectSsh(options(s, { privateKeys: [], password: 'bad', handshakeAttempts: 1 })).catch(
      (e) => e,
    );
    expect((wrong as Error).message).toMatch(/tried: password, keyboard-interactive/);
    expect((wrong as Error).message).not.toMatch(/\bbad\b/);
  });

  it('stops waiting on abort for an SFTP server that never answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'osc-packer-silent-sftp-'));
    const silent = join(dir, 'silent-sftp-server');
    await writeFile(silent, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
    const s = await start({ sftpServerPath: silent });
    const comm = await connectSsh(options(s, { fileTransferMethod: 'sftp' }));
    const controller = new AbortController();
    const upload = comm.upload(join(dir, 'never'), Buffer.from('data'), { signal: controller.signal });
    await waitUntil(() => s.stats().connections === 1);
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 50);
    await expect(upload).rejects.toThrow('cancelled by the user');
    await comm.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends a running command as disconnected when the connection drops, then reconnects', async () => {
    const s = await start();
    const comm = await connectSsh(options(s));
    const out = collectOutput();
    const running = comm.exec({ command: 'echo before; sleep 30', stdout: out.stream });
    await waitUntil(() => out.text().includes('before'));
    s.dropConnections();
    const status = await running;
    expect(status.kind).toBe('disconnected');
    const after = collectOutput();
    expect(await comm.exec({ command: 'echo again', stdout: after.stream })).toEqual({ kind: 'exited', code: 0 });
    expect(after.text()).toBe('again\n');
    expect(s.stats().connections).toBe(2);
    await comm.close();
  });

  it('treats silence longer than ssh_read_write_timeout as a dropped connection', async () => {
    const s = await start({ exec: () => {} });
    const comm = await connectSsh(options(s, { keepAliveIntervalMs: 0, readWriteTimeoutMs: 300 }));
    const status = await comm.exec({ command: 'hang' });
    expect(status).toEqual({ kind: 'disconnected', reason: expect.stringMatching(/ssh_read_write_timeout/) });
    await comm.close();
  });

  it('detects a dead peer with keep-alives', async () => {
    const s = await start({ exec: () => {} });
    const comm = await connectSsh(options(s, { keepAliveIntervalMs: 100 }));
    const running = comm.exec({ command: 'hang' });
    await waitUntil(() => s.commands.length === 1);
    // Freeze the server side without closing TCP: keep-alives go unanswered.
    s.freezeConnections();
    const status = await running;
    expect(status.kind).toBe('disconnected');
    await comm.close();
  });

  it('says clearly when scp is missing on the remote machine', async () => {
    const s = await start({
      exec: ({ command, channel }) => {
        channel.stderr.write(`sh: 1: ${command.split(' ')[0]}: not found\n`);
        channel.exit(127);
        channel.end();
      },
    });
    const comm = await connectSsh(options(s));
    await expect(comm.upload('/tmp/x', Buffer.from('x'))).rejects.toThrow(
      /scp is not installed on .*set ssh_file_transfer_method to "sftp"/,
    );
    await comm.close();
  });

  it('resolves ~ in SFTP paths from the login directory, as a shell would for SCP', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'osc-packer-sftp-home-'));
    try {
      const s = await start({ cwd });
      const comm = await connectSsh(options(s, { fileTransferMethod: 'sftp' }));
      await comm.upload('~/from-home.txt', Buffer.from('home'));
      expect(await readFile(join(cwd, 'from-home.txt'), 'utf8')).toBe('home');
      const out = collectOutput();
      await comm.download('~/from-home.txt', out.stream);
      expect(out.text()).toBe('home');
      await comm.close();
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('rejects every call after close', async () => {
    const s = await start();
    const comm = await connectSsh(options(s));
    await comm.close();
    await comm.close();
    const error = await comm.exec({ command: 'true' }).catch((e: unknown) => e);
    expect(SshError.isInstance(error) && error.reason).toBe('closed');
  });
});
