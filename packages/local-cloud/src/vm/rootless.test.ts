import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });

const isRoot = process.getuid?.() === 0;
const nobody = 65534;
const dist = resolve(import.meta.dirname, '../../dist/index.js');
const asNobody = ['--reuid', `${nobody}`, '--regid', `${nobody}`, '--clear-groups'];

const repoRoot = resolve(import.meta.dirname, '../../../..');

/** True when `nobody` can read Node.js and the built package where they are. */
function nobodyCanReach(): boolean {
  const check = spawnSync('setpriv', [
    ...asNobody,
    process.execPath,
    '-e',
    `require('fs').accessSync(${JSON.stringify(dist)})`,
  ]);
  return check.status === 0;
}

/**
 * The command that runs `node <args>` as nobody. When the checkout or Node.js sits under a directory nobody
 * may not enter (a clone in /root, a mktemp -d), both are bind-mounted into `work` in a private mount
 * namespace (pnpm's links are relative, so the bound copy resolves on its own), and nothing on the host
 * changes.
 */
function nobodyNodeCommand(work: string, nodeArgs: (paths: { dist: string }) => string[]): string[] {
  if (nobodyCanReach()) return ['setpriv', ...asNobody, process.execPath, ...nodeArgs({ dist })];
  const repo = join(work, 'repo');
  const nodeDir = join(work, 'node');
  mkdirSync(repo, { mode: 0o755 });
  mkdirSync(nodeDir, { mode: 0o755 });
  const node = join(nodeDir, basename(process.execPath));
  const args = [...asNobody, node, ...nodeArgs({ dist: join(repo, relative(repoRoot, dist)) })];
  const script = 'mount --bind "$1" "$2" && mount --bind "$3" "$4" && shift 4 && exec setpriv "$@"';
  const mounts = [repoRoot, repo, dirname(process.execPath), nodeDir];
  return ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', ...mounts, ...args];
}

const title = 'boots VMs in a user namespace, with sudo, SFTP, reboot and persistence (as nobody, from root)';
const why = isRoot ? '' : ' (skipped: needs root to switch to nobody; this run is unprivileged already)';

// Runs as `nobody` against the built package: what a user without root gets from the Quick start.
const scenario = `
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [dist, workDir, ipA, ipB] = process.argv.slice(2);
const { createDataStore, createVmRuntime } = await import(pathToFileURL(dist).href);
const ssh2 = createRequire(dist)('ssh2');
// ssh2 sometimes makes an Ed25519 key it cannot read back: retry until it can.
let key = ssh2.utils.generateKeyPairSync('ed25519');
while (ssh2.utils.parseKey(key.private) instanceof Error) key = ssh2.utils.generateKeyPairSync('ed25519');
const store = createDataStore({ parentDir: workDir });
const runtime = createVmRuntime({ store, sftpServer: 'builtin' });
const launch = (vmId, volume, publicIp) => ({ vmId, hostname: vmId, privateIp: '10.0.0.5', publicIp,
  root: { deviceName: '/dev/sda1', volume }, extraDisks: [], authorizedKeys: [key.public] });
const connect = (vm) => new Promise((ok, fail) => { const c = new ssh2.Client(); c.once('ready', () => ok(c));
  c.once('error', fail); c.connect({ host: vm.ssh.host, port: vm.ssh.port, username: 'outscale', privateKey: key.private }); });
const run = (c, command) => new Promise((ok, fail) => c.exec(command, (e, ch) => { if (e) return fail(e); let out = '';
  ch.on('data', (d) => { out += d; }); ch.stderr.on('data', (d) => { out += d; }); ch.on('close', () => ok(out)); }));
const put = (c, path, data) => new Promise((ok, fail) => c.sftp((e, sftp) => e ? fail(e) :
  sftp.writeFile(path, data, (e2) => { sftp.end(); e2 ? fail(e2) : ok(); })));
const results = { isolation: runtime.isolation };
const volume = await store.createVolumeFromSnapshot('vol-0000000a', await store.catalogSnapshot('debian-12'), 10);
const a = await runtime.start(launch('i-0000000a', volume, ipA));
results.port = a.ssh.port;
let c = await connect(a);
await put(c, '/tmp/uploaded', 'via-sftp');
results.a = await run(c, 'id -u; whoami; sudo whoami; echo data > ~/f; sudo sh -c "echo cfg > /etc/from-vm";' +
  ' sudo cp /tmp/uploaded /usr/local/bin/mine; test -e /work && echo sees-work || echo no-work; ps -o args= -p 1');
c.on('error', () => {});
c.exec('sudo reboot', () => {});
results.exit = (await a.exited).reason;
const again = await runtime.start({ ...launch('i-0000000a', volume, ipA), sshPort: a.ssh.port });
results.samePort = again.ssh.port === a.ssh.port;
c = await connect(again);
results.again = await run(c, 'cat ~/f');
c.end();
await again.stop();
const snapshot = await store.snapshotVolume('snap-0000000a', volume);
const b = await runtime.start(launch('i-0000000b', await store.createVolumeFromSnapshot('vol-0000000b', snapshot, 10), ipB));
c = await connect(b);
results.b = await run(c, 'cat ~/f /etc/from-vm /usr/local/bin/mine');
c.end();
const dir = store.dir;
await runtime.close();
await store.close();
results.leftover = existsSync(dir);
console.log(JSON.stringify(results));
`;

describe('local-cloud run by an unprivileged user', () => {
  const work = mkdtempSync(join(tmpdir(), 'rootless-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(!isRoot)(`${title}${why}`, async () => {
    expect(existsSync(dist), `${dist} is missing: build the package first (turbo runs build before test)`).toBe(true);
    chmodSync(work, 0o700);
    chownSync(work, nobody, nobody);
    writeFileSync(join(work, 'scenario.mjs'), scenario);
    const ip = () => `127.44.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
    const [command = 'setpriv', ...args] = nobodyNodeCommand(work, (paths) => [
      join(work, 'scenario.mjs'),
      paths.dist,
      work,
      ip(),
      ip(),
    ]);
    const child = spawn(command, args, {
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: work },
      cwd: work,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((done) => child.on('close', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const results = JSON.parse(stdout);
    expect(results.isolation).toBe('user-namespace');
    expect(results.port).toBeGreaterThan(1024);
    // One host user: every VM account is uid 0 inside, so the session is root, and sudo simply runs.
    expect(results.a).toBe('0\nroot\nroot\nno-work\ninit\n');
    expect(results.b).toBe('data\ncfg\nvia-sftp');
    // `sudo reboot` ends the boot; the next one takes the same high port, so a resolved endpoint still works.
    expect(results).toMatchObject({ exit: 'reboot', samePort: true, again: 'data\n' });
    expect(results.leftover).toBe(false);
  });
});
