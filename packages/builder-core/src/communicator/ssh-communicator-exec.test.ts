import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKey } from '../test/generate-test-key';
import { collectOutput } from '../test/output-collector';
import { sshAgentSkipReason, startSshAgent } from '../test/start-ssh-agent';
import { type RunningSshd, sshdSkipReason, startSshd } from '../test/start-sshd';
import { waitUntil } from '../test/wait-until';
import { connectSsh } from './connect-ssh';
import type { SshCommunicatorOptions } from './ssh-communicator-options';
import { SshError } from './ssh-error';

const noSshd = sshdSkipReason();
const noPassword = sshdSkipReason({ password: true });
const noAgent = sshAgentSkipReason();

describe.skipIf(noSshd !== undefined)(
  `SSH communicator against OpenSSH sshd: commands and auth ${noSshd ?? ''}`,
  { timeout: 20_000 },
  () => {
    const rsaPem = generateTestKey('rsa', { format: 'pem' });
    const ecdsaPem = generateTestKey('ecdsa', { format: 'pem' });
    const ed25519Pkcs8 = generateTestKey('ed25519', { format: 'pkcs8' });
    const encrypted = generateTestKey('ed25519', { passphrase: 'open sesame' });
    let sshd: RunningSshd;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'osc-packer-exec-test-'));
      sshd = await startSshd({
        authorizedKeys: [rsaPem.publicKey, ecdsaPem.publicKey, ed25519Pkcs8.publicKey, encrypted.publicKey],
      });
    });
    afterAll(async () => {
      await sshd?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const options = (extra: Partial<SshCommunicatorOptions> = {}): SshCommunicatorOptions => ({
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKeys: [{ key: sshd.clientKey.privateKey }],
      timeoutMs: 10_000,
      handshakeAttempts: 1,
      ...extra,
    });

    it('streams stdout and stderr and reports exit codes and signals', async () => {
      const comm = await connectSsh(options());
      try {
        const out = collectOutput();
        const err = collectOutput();
        const status = await comm.exec({
          command: 'echo out; echo err >&2; exit 7',
          stdout: out.stream,
          stderr: err.stream,
        });
        expect(status).toEqual({ kind: 'exited', code: 7 });
        expect(out.text()).toBe('out\n');
        expect(err.text()).toBe('err\n');
        expect(await comm.exec({ command: 'kill -TERM $$' })).toEqual({ kind: 'signal', signal: 'SIGTERM' });
        expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
      } finally {
        await comm.close();
      }
    });

    it('feeds stdin from a string or a stream, and runs commands concurrently', async () => {
      const comm = await connectSsh(options());
      try {
        const a = collectOutput();
        const b = collectOutput();
        const [first, second] = await Promise.all([
          comm.exec({ command: 'tr a-z A-Z', stdin: 'hello', stdout: a.stream }),
          comm.exec({ command: 'wc -c', stdin: Readable.from([Buffer.alloc(100_000, 1)]), stdout: b.stream }),
        ]);
        expect([first, second]).toEqual([
          { kind: 'exited', code: 0 },
          { kind: 'exited', code: 0 },
        ]);
        expect(a.text()).toBe('HELLO');
        expect(b.text().trim()).toBe('100000');
      } finally {
        await comm.close();
      }
    });

    it('requests a PTY with ssh_pty', async () => {
      const comm = await connectSsh(options({ pty: true }));
      try {
        expect(await comm.exec({ command: 'test -t 1' })).toEqual({ kind: 'exited', code: 0 });
      } finally {
        await comm.close();
      }
      const plain = await connectSsh(options());
      try {
        expect(await plain.exec({ command: 'test -t 1' })).toEqual({ kind: 'exited', code: 1 });
      } finally {
        await plain.close();
      }
    });

    it('rejects a command on abort', async () => {
      const comm = await connectSsh(options());
      try {
        const controller = new AbortController();
        const out = collectOutput();
        const running = comm.exec({ command: 'echo started; sleep 30', stdout: out.stream }, controller.signal);
        await waitUntil(() => out.text().includes('started'));
        controller.abort(new Error('stop now'));
        await expect(running).rejects.toThrow('stop now');
        expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
      } finally {
        await comm.close();
      }
    });

    it.each([
      ['an RSA PEM key in memory (as CreateKeypair returns)', () => ({ key: rsaPem.privateKey })],
      ['an ECDSA SEC1 PEM key in memory', () => ({ key: ecdsaPem.privateKey })],
      ['an ed25519 PKCS#8 key in memory', () => ({ key: ed25519Pkcs8.privateKey })],
      [
        'an encrypted OpenSSH key with its passphrase',
        () => ({ key: encrypted.privateKey, passphrase: 'open sesame' }),
      ],
    ])('authenticates with %s', async (_name, source) => {
      const comm = await connectSsh(options({ privateKeys: [source()] }));
      expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
      await comm.close();
    });

    it('authenticates with a private key file, trying keys in order', async () => {
      const file = join(dir, 'id_ed25519');
      await writeFile(file, sshd.clientKey.privateKey, { mode: 0o600 });
      const stranger = generateTestKey('ed25519');
      const comm = await connectSsh(options({ privateKeys: [{ key: stranger.privateKey }, { file }] }));
      expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
      await comm.close();
    });

    it('fails clearly on a refused key, a missing file and a missing passphrase, without printing keys', async () => {
      const stranger = generateTestKey('ed25519');
      const refused = await connectSsh(options({ privateKeys: [{ key: stranger.privateKey }] })).catch((e) => e);
      expect(SshError.isInstance(refused) && refused.reason).toBe('authentication');
      expect(refused.message).toMatch(
        /authentication failed for user .* \(tried: publickey \(the in-memory private key\)\)/,
      );
      expect(refused.message).toMatch(/ssh_handshake_attempts/);
      expect(refused.message).not.toContain(stranger.privateKey.slice(40, 80));
      await expect(connectSsh(options({ privateKeys: [{ file: join(dir, 'nope') }] }))).rejects.toThrow(
        /private key file .*nope cannot be read \(ENOENT\)/,
      );
      await expect(connectSsh(options({ privateKeys: [{ key: encrypted.privateKey }] }))).rejects.toThrow(
        /encrypted and no passphrase was given/,
      );
      await expect(connectSsh(options({ privateKeys: [{ key: 'not a key' }] }))).rejects.toThrow(/not a private key/);
    });

    it.skipIf(noAgent !== undefined)(`authenticates with the agent (ssh_agent_auth) ${noAgent ?? ''}`, async () => {
      const agent = await startSshAgent();
      try {
        await agent.addKey(sshd.clientKey.privateKey);
        const comm = await connectSsh(options({ privateKeys: [], agentAuth: true, agentSocket: agent.socket }));
        const out = collectOutput();
        // Forwarding is on by default when an agent is given: the remote side sees a socket.
        await comm.exec({ command: 'test -S "$SSH_AUTH_SOCK" && echo forwarded', stdout: out.stream });
        expect(out.text()).toBe('forwarded\n');
        await comm.close();
        const noForward = await connectSsh(
          options({ privateKeys: [], agentAuth: true, agentSocket: agent.socket, disableAgentForwarding: true }),
        );
        expect(await noForward.exec({ command: 'test -n "$SSH_AUTH_SOCK"' })).toEqual({ kind: 'exited', code: 1 });
        await noForward.close();
        // A server that refuses forwarding still runs commands (Packer only logs the refusal).
        const strict = await startSshd({ config: ['AllowAgentForwarding no'] });
        try {
          const key = { key: strict.clientKey.privateKey };
          const refused = await connectSsh(
            options({ port: strict.port, privateKeys: [key], agentSocket: agent.socket }),
          );
          expect(await refused.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
          await refused.close();
        } finally {
          await strict.stop();
        }
      } finally {
        await agent.stop();
      }
    });

    it('refuses agent auth without an agent socket', async () => {
      await expect(connectSsh(options({ agentAuth: true }))).rejects.toThrow(/SSH_AUTH_SOCK is not set/);
    });

    it('authenticates with an OpenSSH user certificate (ssh_certificate_file)', async () => {
      const ca = join(dir, 'ca');
      const user = join(dir, 'user');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', ca]);
      for (const type of ['ed25519', 'rsa', 'ecdsa']) {
        execFileSync('ssh-keygen', [
          '-q',
          '-t',
          type,
          ...(type === 'rsa' ? ['-b', '2048'] : []),
          '-N',
          '',
          '-f',
          `${user}-${type}`,
        ]);
        execFileSync('ssh-keygen', ['-q', '-s', ca, '-I', 'test', '-n', sshd.username, `${user}-${type}.pub`]);
      }
      const { readFile } = await import('node:fs/promises');
      const certSshd = await startSshd({ trustedUserCaKeys: [await readFile(`${ca}.pub`, 'utf8')] });
      try {
        for (const type of ['ed25519', 'rsa', 'ecdsa']) {
          const key = { file: `${user}-${type}`, certificateFile: `${user}-${type}-cert.pub` };
          const comm = await connectSsh(options({ port: certSshd.port, privateKeys: [key] }));
          expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
          await comm.close();
        }
        const mismatched = { file: `${user}-ed25519`, certificateFile: `${user}-rsa-cert.pub` };
        await expect(connectSsh(options({ port: certSshd.port, privateKeys: [mismatched] }))).rejects.toThrow(
          /does not certify the private key/,
        );
      } finally {
        await certSshd.stop();
      }
    });
  },
);

describe.skipIf(noPassword !== undefined)(
  `SSH communicator: sshd password auth ${noPassword ?? ''}`,
  { timeout: 20_000 },
  () => {
    it('authenticates with a password, and with keyboard-interactive answered by the password', async () => {
      const sshd = await startSshd({ password: 's3cret pass' });
      try {
        const base = {
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          timeoutMs: 10_000,
          handshakeAttempts: 1,
        };
        const comm = await connectSsh({ ...base, password: 's3cret pass' });
        expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
        await comm.close();
        const prompts: string[] = [];
        const kbd = await connectSsh({
          ...base,
          keyboardInteractive: async (asked) => {
            prompts.push(...asked.map((p) => p.prompt));
            return asked.map(() => 's3cret pass');
          },
        });
        expect(await kbd.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
        expect(prompts).toEqual(['Password: ']);
        await kbd.close();
      } finally {
        await sshd.stop();
      }
    });
  },
);
