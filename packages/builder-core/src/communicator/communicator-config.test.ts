import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeConfig } from '../config/decode-config';
import { generateTestKey } from '../test/generate-test-key';
import { type CommunicatorConfig, communicatorConfigBlock } from './communicator-config';
import { checkSshFiles, sshOptionsFromConfig } from './ssh-options-from-config';

const block = communicatorConfigBlock({ defaultSshTimeoutMs: 600_000 });
const decode = (raw: Record<string, unknown>) => decodeConfig(block, raw);
const decoded = (raw: Record<string, unknown>): CommunicatorConfig => {
  const result = decode(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

describe('communicator config block', () => {
  it("applies Packer's defaults, with the builder's ssh_timeout", () => {
    expect(decoded({ ssh_username: 'outscale' })).toMatchObject({
      communicator: 'ssh',
      ssh_port: 22,
      ssh_timeout: 600_000,
      ssh_handshake_attempts: 10,
      ssh_keep_alive_interval: 5_000,
      ssh_read_write_timeout: 0,
      ssh_file_transfer_method: 'scp',
      ssh_proxy_port: 1080,
      ssh_bastion_port: 22,
      pause_before_connecting: 0,
      ssh_pty: false,
    });
    expect(decodeConfig(communicatorConfigBlock(), { ssh_username: 'u' })).toMatchObject({
      value: { ssh_timeout: 300_000 },
    });
  });

  it('decodes weak types and Go durations as Packer does', () => {
    expect(
      decoded({
        ssh_username: 'u',
        ssh_port: '2222',
        ssh_pty: 'true',
        ssh_timeout: '1h30m',
        ssh_keep_alive_interval: '-1s',
        ssh_handshake_attempts: '3',
        ssh_ciphers: 'aes128-gcm@openssh.com, aes256-ctr',
      }),
    ).toMatchObject({
      ssh_port: 2222,
      ssh_pty: true,
      ssh_timeout: 5_400_000,
      ssh_keep_alive_interval: -1_000,
      ssh_handshake_attempts: 3,
      ssh_ciphers: ['aes128-gcm@openssh.com', 'aes256-ctr'],
    });
  });

  it('takes ssh_wait_timeout as the deprecated name of ssh_timeout', () => {
    const result = decode({ ssh_username: 'u', ssh_wait_timeout: '20m' });
    expect(result).toMatchObject({ ok: true, value: { ssh_timeout: 1_200_000 } });
    expect(result.warnings).toEqual(['ssh_wait_timeout: deprecated key; use "ssh_timeout" instead']);
  });

  it.each([
    [{}, 'ssh_username', /must be specified with the SSH communicator/],
    [
      { communicator: 'winrm', winrm_username: 'Administrator' },
      'communicator',
      /WinRM is not supported by osc-packer yet/,
    ],
    [{ communicator: 'docker' }, 'communicator', /must be one of: ssh, none, winrm/],
    [{ ssh_username: 'u', ssh_file_transfer_method: 'rsync' }, 'ssh_file_transfer_method', /must be one of: scp, sftp/],
    [{ ssh_username: 'u', ssh_certificate_file: 'c.pub' }, 'ssh_certificate_file', /needs ssh_private_key_file/],
    [{ ssh_username: 'u', ssh_bastion_host: 'b' }, 'ssh_bastion_host', /needs a way to log in/],
    [
      { ssh_username: 'u', ssh_bastion_host: 'b', ssh_bastion_password: 'p' },
      'ssh_bastion_username',
      /must be specified/,
    ],
    [
      {
        ssh_username: 'u',
        ssh_bastion_host: 'b',
        ssh_bastion_username: 'x',
        ssh_bastion_password: 'p',
        ssh_proxy_host: 'p',
      },
      'ssh_proxy_host',
      /either ssh_bastion_host or ssh_proxy_host, not both/,
    ],
    [{ ssh_username: 'u', ssh_local_tunnels: ['8080:localhost'] }, 'ssh_local_tunnels[0]', /PORT:HOST:HOSTPORT/],
    [{ ssh_username: 'u', ssh_remote_tunnels: ['1:h:99999'] }, 'ssh_remote_tunnels[0]', /between 1 and 65535/],
    [
      { ssh_username: 'u', ssh_ciphers: ['aes128-gcm@openssh.com', 'rot13'] },
      'ssh_ciphers[1]',
      /"rot13" is not supported/,
    ],
    [{ ssh_username: 'u', ssh_key_exchange_algorithms: ['nope'] }, 'ssh_key_exchange_algorithms[0]', /not supported/],
    [{ ssh_username: 'u', ssh_timeout: 300 }, 'ssh_timeout', /write "300s" for 300 seconds/],
    [{ ssh_username: 'u', ssh_port: 70000 }, 'ssh_port', /at most 65535/],
    [{ ssh_username: 'u', ssh_handshake_attempts: 'many' }, 'ssh_handshake_attempts', /must be a number/],
    [{ ssh_username: 'u', ssh_pasword: 'x' }, 'ssh_pasword', /did you mean "ssh_password"/],
    [{ ssh_username: 'u', ssh_timeout: '5m', ssh_wait_timeout: '1m' }, 'ssh_wait_timeout', /set only "ssh_timeout"/],
  ])('reports %j at %s', (raw, path, message) => {
    const result = decode(raw);
    expect(result.ok).toBe(false);
    const issue = !result.ok ? result.issues.find((i) => i.path === path) : undefined;
    expect(issue?.message).toMatch(message);
  });

  it('reports every problem at once and never quotes passwords', () => {
    const result = decode({ ssh_password: 12345, ssh_proxy_password: ['hunter2'], ssh_port: 'x' });
    expect(result.ok).toBe(false);
    const text = !result.ok ? result.issues.map((i) => `${i.path}: ${i.message}`).join('\n') : '';
    expect(text).toMatch(/ssh_port/);
    expect(text).toMatch(/ssh_proxy_password/);
    expect(text).not.toMatch(/hunter2/);
    const ok = decode({ ssh_username: 'u', ssh_password: 'hunter2', ssh_bastion_password: 'b4st' });
    expect(ok.ok && ok.secrets.sort()).toEqual(['b4st', 'hunter2']);
  });

  it('accepts communicator none without ssh keys', () => {
    expect(decode({ communicator: 'none' }).ok).toBe(true);
  });
});

describe('sshOptionsFromConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osc-packer-comm-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps keys in Packer order, expands ~, and lets the bastion inherit the key file', () => {
    const config = decoded({
      ssh_username: 'outscale',
      ssh_private_key_file: '~/.ssh/id_ed25519',
      ssh_certificate_file: '~/.ssh/id_ed25519-cert.pub',
      ssh_bastion_host: 'bastion.example',
      ssh_bastion_username: 'jump',
      ssh_agent_auth: true,
      ssh_local_tunnels: ['8080:localhost:80'],
      ssh_keep_alive_interval: '10s',
      ssh_file_transfer_method: 'sftp',
    });
    const options = sshOptionsFromConfig(config, {
      host: '10.0.0.5',
      homedir: '/home/me',
      agentSocket: '/run/agent.sock',
      privateKey: 'TEMPORARY KEY',
    });
    expect(options).toMatchObject({
      host: '10.0.0.5',
      port: 22,
      username: 'outscale',
      privateKeys: [
        { file: '/home/me/.ssh/id_ed25519', certificateFile: '/home/me/.ssh/id_ed25519-cert.pub' },
        { key: 'TEMPORARY KEY' },
      ],
      agentAuth: true,
      agentSocket: '/run/agent.sock',
      bastion: {
        host: 'bastion.example',
        port: 22,
        username: 'jump',
        privateKeys: [{ file: '/home/me/.ssh/id_ed25519', certificateFile: '/home/me/.ssh/id_ed25519-cert.pub' }],
      },
      timeoutMs: 600_000,
      keepAliveIntervalMs: 10_000,
      fileTransferMethod: 'sftp',
      tunnels: [
        { direction: 'local', listenHost: 'localhost', listenPort: 8080, forwardHost: 'localhost', forwardPort: 80 },
      ],
    });
    expect(options.proxy).toBeUndefined();
  });

  it('asks the user for bastion keyboard-interactive prompts', async () => {
    const config = decoded({
      ssh_username: 'u',
      ssh_bastion_host: 'b',
      ssh_bastion_username: 'j',
      ssh_bastion_interactive: true,
    });
    const asked: string[] = [];
    const options = sshOptionsFromConfig(config, {
      host: 'h',
      homedir: '/',
      ask: async (question) => {
        asked.push(question);
        return '123456';
      },
    });
    const answers = await options.bastion?.keyboardInteractive?.([{ prompt: 'OTP: ', echo: false }], {
      name: 'MFA',
      instructions: '',
    });
    expect(answers).toEqual(['123456']);
    expect(asked).toEqual(['MFA\nOTP: ']);
  });

  it('refuses a block that is not for SSH or has no address', () => {
    expect(() => sshOptionsFromConfig(decoded({ communicator: 'none' }), { homedir: '/' })).toThrow(/not "ssh"/);
    expect(() => sshOptionsFromConfig(decoded({ ssh_username: 'u' }), { homedir: '/' })).toThrow(/no address/);
  });

  it('checks key and certificate files before anything is created', async () => {
    const good = join(dir, 'good');
    await writeFile(good, generateTestKey('ed25519').privateKey, { mode: 0o600 });
    await writeFile(join(dir, 'bad'), 'garbage');
    expect(await checkSshFiles(decoded({ ssh_username: 'u', ssh_private_key_file: good }), dir)).toEqual([]);
    const issues = await checkSshFiles(
      decoded({
        ssh_username: 'u',
        ssh_private_key_file: '~/missing',
        ssh_bastion_host: 'b',
        ssh_bastion_username: 'j',
        ssh_bastion_private_key_file: '~/bad',
      }),
      dir,
    );
    expect(issues).toEqual([
      {
        path: 'ssh_private_key_file',
        message: expect.stringMatching(/is invalid: .*missing cannot be read \(ENOENT\)/),
      },
      { path: 'ssh_bastion_private_key_file', message: expect.stringMatching(/is invalid: .*not a private key/) },
    ]);
  });
});
