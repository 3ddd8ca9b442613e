import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { generateTestKey, type TestKeyPair } from './generate-test-key';
import { spawnTied } from './spawn-tied';

const sshdPath = '/usr/sbin/sshd';

/** How to start a throwaway OpenSSH server. */
export interface StartSshdOptions {
  /** Extra authorized_keys lines for the login user (a fresh `clientKey` is always authorized too). */
  authorizedKeys?: readonly string[];
  /**
   * Accept this password, by `password` and PAM `keyboard-interactive` auth, for the login user. Needs root
   * and `unshare`: sshd runs in a private mount namespace where /etc/shadow is a temporary file.
   */
  password?: string;
  /** CA public keys trusted to sign user certificates (`TrustedUserCAKeys`). */
  trustedUserCaKeys?: readonly string[];
  /** Listen on this port (e.g. one a test reserved earlier) instead of a free one. */
  port?: number;
  /** Extra sshd_config lines, e.g. `AllowAgentForwarding no`. */
  config?: readonly string[];
}

/** A running sshd on 127.0.0.1. `stop` ends it and every session it started, and removes its files. */
export interface RunningSshd {
  readonly host: string;
  readonly port: number;
  /** The user that can log in: the one running the tests. */
  readonly username: string;
  /** A key pair authorized for `username`. */
  readonly clientKey: TestKeyPair;
  /** The server's temporary directory (config, keys). */
  readonly dir: string;
  /** What sshd logged so far (`-e`: its log goes to stderr). */
  log(): string;
  stop(): Promise<void>;
}

/** Why sshd tests cannot run here (no sshd; for `password`, not root or no `unshare`); undefined if they can. */
export function sshdSkipReason(options: { password?: boolean } = {}): string | undefined {
  if (!existsSync(sshdPath)) return `needs OpenSSH's sshd at ${sshdPath} (Debian package openssh-server)`;
  if (options.password === true) {
    if (process.getuid?.() !== 0) return 'sshd password auth needs root (a private mount namespace)';
    if (!hasCommand('unshare') || !hasCommand('openssl')) return 'sshd password auth needs unshare and openssl';
    if (!canMountPrivately()) return 'sshd password auth needs a private mount namespace (unshare --mount failed)';
  }
  return undefined;
}

/** Starts Debian's sshd (`sshd -D -e -f <config>`) on a random loopback port with fresh host keys. */
export async function startSshd(options: StartSshdOptions = {}): Promise<RunningSshd> {
  const reason = sshdSkipReason({ password: options.password !== undefined });
  if (reason !== undefined) throw new Error(`cannot start sshd: ${reason}`);
  const dir = await mkdtemp(join(tmpdir(), 'osc-packer-sshd-'));
  try {
    const root = process.getuid?.() === 0;
    if (root) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const clientKey = generateTestKey('ed25519');
    const hostKey = generateTestKey('ed25519');
    await writeFile(join(dir, 'host_key'), hostKey.privateKey, { mode: 0o600 });
    await writeFile(
      join(dir, 'authorized_keys'),
      `${[clientKey.publicKey, ...(options.authorizedKeys ?? [])].join('\n')}\n`,
    );
    const lines = [
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PidFile none',
      'UseDNS no',
      'PrintMotd no',
      'PrintLastLog no',
      'MaxSessions 100',
      'MaxStartups 100:30:200',
      'Subsystem sftp internal-sftp',
      `PermitRootLogin ${root ? 'yes' : 'no'}`,
      `UsePAM ${options.password === undefined ? 'no' : 'yes'}`,
      `PasswordAuthentication ${options.password === undefined ? 'no' : 'yes'}`,
      `KbdInteractiveAuthentication ${options.password === undefined ? 'no' : 'yes'}`,
      ...(options.config ?? []),
    ];
    if (options.trustedUserCaKeys !== undefined) {
      await writeFile(join(dir, 'user_ca.pub'), `${options.trustedUserCaKeys.join('\n')}\n`);
      lines.push(`TrustedUserCAKeys ${join(dir, 'user_ca.pub')}`);
    }
    await writeFile(join(dir, 'sshd_config'), `${lines.join('\n')}\n`);
    const shadow = options.password === undefined ? undefined : await writeShadow(dir, options.password);
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort());
      const started = await launch(dir, port, shadow).catch((error: Error) => error);
      if (!(started instanceof Error)) {
        return { host: '127.0.0.1', port, username: userInfo().username, clientKey, dir, ...started };
      }
      if (options.port !== undefined || attempt >= 5 || !/Address already in use/.test(started.message)) throw started;
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(dir: string, port: number, shadow: string | undefined) {
  const sshd = [sshdPath, '-D', '-e', '-f', join(dir, 'sshd_config'), '-p', String(port)];
  const child =
    shadow === undefined
      ? spawnTied(sshd[0] as string, sshd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
      : spawnTied(
          'unshare',
          [
            '--mount',
            '--propagation',
            'private',
            'sh',
            '-c',
            'mount --bind "$0" /etc/shadow && exec "$@"',
            shadow,
            ...sshd,
          ],
          { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
        );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (log.includes('Server listening on')) resolve();
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => reject(new Error(`sshd exited with ${code}: ${log.trim()}`)));
    child.once('error', reject);
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      killGroup(child);
      await exited;
      await rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  return { log: () => log, stop };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // Sessions are children of the listener; killing the group ends them with it.
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

async function writeShadow(dir: string, password: string): Promise<string> {
  const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password }).toString().trim();
  const path = join(dir, 'shadow');
  await writeFile(path, `${userInfo().username}:${hash}:19000:0:99999:7:::\n`);
  await chmod(path, 0o640);
  return path;
}

/** A TCP port free on 127.0.0.1 right now (for a server a test starts later). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let mountProbe: boolean | undefined;

function canMountPrivately(): boolean {
  if (mountProbe === undefined) {
    try {
      execFileSync('unshare', ['--mount', '--propagation', 'private', 'mount', '--bind', '/dev/null', '/dev/null'], {
        stdio: 'ignore',
      });
      mountProbe = true;
    } catch {
      mountProbe = false;
    }
  }
  return mountProbe;
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
