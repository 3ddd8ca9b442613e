import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningVm } from '../runtime/vm-runtime';
import {
  exec,
  hasProgram,
  newTestKey,
  opensshOptions,
  runClient,
  VmHarness,
  writeIdentity,
} from '../testing/vm-harness';

// Real VMs on a shared 2-core machine: boots take a fraction of a second, but leave room under load.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const isRoot = process.getuid?.() === 0;

describe('a VM over SSH (ssh2 client)', () => {
  let h: VmHarness;
  let vm: RunningVm;
  let client: Client;
  let dir: string;

  beforeAll(async () => {
    h = VmHarness.create();
    vm = await h.boot();
    client = await h.connect(vm);
    dir = mkdtempSync(join(tmpdir(), 'vm-ssh-'));
  });
  afterAll(async () => {
    client?.end();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on port 22 of its own address when it may, else on a high port', () => {
    expect(vm.ssh.host).toMatch(/^127\.43\./);
    if (isRoot) expect(vm.ssh.port).toBe(22);
    else expect(vm.ssh.port).toBeGreaterThan(1024);
  });

  it('runs commands as outscale in its home, with exit codes and separate stderr', async () => {
    const result = await exec(client, 'whoami; pwd; echo $HOME $USER $SHELL; echo oops >&2; exit 7');
    expect(result.stdout).toBe(
      `${isRoot ? 'outscale' : 'root'}\n/home/outscale\n/home/outscale outscale ${result.stdout.includes('/bin/bash') ? '/bin/bash' : '/bin/sh'}\n`,
    );
    expect(result.stderr).toBe('oops\n');
    expect(result.code).toBe(7);
  });

  it('streams output while the command still runs', async () => {
    // The command waits for a line the test sends only once it has seen the first output: held back until the
    // command ended, that output would never come. (No clock: a loaded machine cannot make it fail.)
    const output = await new Promise<string>((resolve, reject) => {
      client.exec('echo first; read reply; echo "second, after $reply"', (error, channel) => {
        if (error) return reject(error);
        let text = '';
        channel.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text === 'first\n') channel.end('go\n');
        });
        channel.on('close', () => resolve(text));
      });
    });
    expect(output).toBe('first\nsecond, after go\n');
  });

  it('feeds stdin until EOF and passes env requests, but never PATH or LD_PRELOAD', async () => {
    const result = await exec(client, 'cat; echo "$GREETING|$LD_PRELOAD|$PATH"', {
      stdin: 'line one\nline two\n',
      env: { GREETING: 'hello', LD_PRELOAD: '/tmp/evil.so', PATH: '/evil' },
    });
    expect(result.stdout).toBe('line one\nline two\nhello||/usr/local/bin:/usr/bin:/bin:/usr/games\n');
  });

  it('reports death by signal as exit-signal, and delivers signal requests', async () => {
    expect(await exec(client, 'kill -TERM $$')).toMatchObject({ code: null, signal: 'SIGTERM' });
    // SSH names only some signals; the others end as a shell would report them (128 + n).
    expect(await exec(client, 'kill -BUS $$')).toMatchObject({ code: 135, signal: null });
    const result = await new Promise<{ stdout: string; code: number | null }>((resolve, reject) => {
      client.exec('trap "echo got-int; exit 9" INT; echo ready; while :; do sleep 0.1; done', (error, channel) => {
        if (error) return reject(error);
        let stdout = '';
        let code: number | null = null;
        channel.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout === 'ready\n') channel.signal('INT');
        });
        channel.on('exit', (c: number | null) => {
          code = c;
        });
        channel.on('close', () => resolve({ stdout, code }));
      });
    });
    expect(result).toEqual({ stdout: 'ready\ngot-int\n', code: 9 });
  });

  it('allocates a pty inside the VM when asked (ssh_pty)', async () => {
    const result = await exec(client, 'tty; [ -t 0 ] && echo interactive; echo $TERM; stty size; exit 4', {
      pty: true,
    });
    expect(result.stdout).toMatch(/^\/dev\/pts\/\d+\r\ninteractive\r\nxterm\r\n40 120\r\n$/);
    expect(result.code).toBe(4);
  });

  it('runs sudo the ways Packer templates do', async () => {
    const forms = [
      'sudo whoami',
      'sudo -n true && echo n-ok',
      "echo 'packer' | sudo -S sh -c 'whoami; cat'",
      'sudo -E sh -c \'echo "$KEEP $USER $HOME"\'',
      'sudo sh -c \'echo "$KEEP" $HOME\'',
      'sudo -S -E env | grep -c ^SUDO_USER=outscale',
      "sudo FOO=bar sh -c 'echo $FOO'",
      'sudo -u outscale whoami',
      'sudo -i pwd',
      'sudo -s echo in shell',
      'sudo sh -c "echo written > /etc/written-by-sudo" && cat /etc/written-by-sudo',
      'sudo no-such-command; echo $?',
    ];
    const result = await exec(client, `export KEEP=kept; ${forms.join('; ')}`);
    const rootless = !isRoot;
    expect(result.stdout.split('\n')).toEqual([
      'root',
      'n-ok',
      'root',
      'packer',
      'kept root /home/outscale',
      ' /root',
      '1',
      'bar',
      rootless ? 'root' : 'outscale',
      '/root',
      'in shell',
      'written',
      '1',
      '',
    ]);
    expect(result.stderr).toBe('sudo: no-such-command: command not found\n');
    if (isRoot) expect((await exec(client, 'touch /etc/denied')).stderr).toMatch(/Permission denied/);
  });

  it('runs a login shell without a command', async () => {
    const result = await new Promise<string>((resolve, reject) => {
      client.shell(false, (error, channel) => {
        if (error) return reject(error);
        let out = '';
        channel.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        channel.on('close', () => resolve(out));
        channel.end('echo from-shell $0\nexit\n');
      });
    });
    expect(result).toMatch(/^from-shell .*sh\n$/);
  });

  it('accepts only the launch keys, for outscale only', async () => {
    await expect(h.connect(vm, newTestKey())).rejects.toThrow(/authentication/i);
    const other = new (await import('ssh2')).Client();
    const refused = new Promise((resolve) => {
      other.once('error', resolve);
    });
    other.connect({ host: vm.ssh.host, port: vm.ssh.port, username: 'root', privateKey: h.key.privateKey });
    expect(String(await refused)).toMatch(/authentication/i);
  });

  it('drops every connection on demand (fault injection), and accepts new ones after', async () => {
    const victim = await h.connect(vm);
    const closed = new Promise<void>((resolve) => victim.on('close', () => resolve()));
    vm.dropSshConnections();
    await closed;
    client = await h.connect(vm);
    expect((await exec(client, 'echo back')).stdout).toBe('back\n');
  });

  it.skipIf(!hasProgram('ssh'))('serves the OpenSSH client, with a pty on -tt', async () => {
    const identity = writeIdentity(dir, h.key);
    const target = ['-p', `${vm.ssh.port}`, `outscale@${vm.ssh.host}`];
    const plain = await runClient('ssh', [...opensshOptions(identity), ...target, 'echo $SSH_CONNECTION; exit 3']);
    expect(plain.stdout).toMatch(
      new RegExp(`^127\\.0\\.0\\.1 \\d+ ${vm.ssh.host.replaceAll('.', '\\.')} ${vm.ssh.port}\\n$`),
    );
    expect(plain.code).toBe(3);
    const tty = await runClient('ssh', [...opensshOptions(identity), '-tt', ...target, 'tty; sudo whoami']);
    expect(tty.stdout).toMatch(/^\/dev\/pts\/\d+\r\nroot\r\n$/);
  });
});
