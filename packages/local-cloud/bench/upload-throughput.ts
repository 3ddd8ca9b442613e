// Upload throughput into a local-cloud VM against OpenSSH's sshd on the same machine in the same run, per
// client: ssh2's `fastPut` (what osc-packer's SFTP transfer uses), OpenSSH `scp -O` (the legacy protocol:
// Packer's default, served by the VM's own scp), and OpenSSH `sftp`. Connection setup is excluded: ssh2
// connects before the clock starts, OpenSSH clients ride an open ControlMaster connection. The ssh2 client
// runs in its own process, so it does not share an event loop with the VM's SSH server.
//
//   pnpm --filter @osc-packer/local-cloud bench            (both benches, defaults)
//   node node_modules/.bench/upload-throughput.js --size-mib 512 --rounds 3 --cipher aes128-gcm@openssh.com
//
// Prints MB/s (10^6 bytes per second) per path and round, the medians, and ratios VM / sshd.
import { execFile, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { createDataStore, createVmRuntime, newResourceId } from '../src/index';
import { generateEd25519Key } from '../src/ssh/ed25519-key';
import { startBaselineSshd } from './baseline-sshd';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '512' },
    rounds: { type: 'string', default: '3' },
    cipher: { type: 'string', default: 'aes128-gcm@openssh.com' },
    // Where the source, the sshd's target and the VMs' volumes live (e.g. /dev/shm to leave the disk out).
    dir: { type: 'string', default: tmpdir() },
  },
});
const bytes = Number(values['size-mib']) * 1024 * 1024;
const rounds = Number(values.rounds);
const cipher = values.cipher ?? 'aes128-gcm@openssh.com';
const require = createRequire(import.meta.url);
const binding = (require('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean }).bindingAvailable;
console.log(`ssh2 native crypto binding: ${binding ? 'available' : 'MISSING (results are not representative)'}`);
console.log(
  `node ${process.version}, ${values['size-mib']} MiB, ${rounds} rounds, cipher ${cipher}, uid ${process.getuid?.()}, dir ${values.dir}\n`,
);

/** One SSH server to upload to, and where an uploaded file lands on the host (to check its size). */
interface Target {
  name: string;
  host: string;
  port: number;
  user: string;
  remotePath: string;
  hostPath: () => Promise<number>;
}

const parentDir = values.dir ?? tmpdir();
const work = await mkdtemp(join(parentDir, 'local-cloud-bench-'));
const key = generateEd25519Key();
const keyFile = join(work, 'key');
await writeFile(keyFile, key.private, { mode: 0o600 });
const source = join(work, 'source.bin');
await writeRandomFile(source, bytes);

const sshd = await startBaselineSshd(join(work, 'sshd'), key.public);
const store = createDataStore({ parentDir });
const runtimes = [createVmRuntime({ store }), createVmRuntime({ store, sftpServer: 'builtin' })];
const catalog = await store.catalogSnapshot('debian-12');
const vmTargets: Target[] = [];
for (const [index, runtime] of runtimes.entries()) {
  const volume = await store.createVolumeFromSnapshot(newResourceId('volume'), catalog, 10);
  const vm = await runtime.start({
    vmId: newResourceId('vm'),
    hostname: `bench-${index}`,
    privateIp: `10.0.0.${10 + index}`,
    publicIp: `127.45.0.${10 + index}`,
    root: { deviceName: '/dev/sda1', volume },
    extraDisks: [],
    authorizedKeys: [key.public],
  });
  const name = index === 0 ? 'VM (sftp-server)' : 'VM (built-in sftp)';
  // The upload lands in the volume's upper directory; its size there proves the bytes arrived.
  const upper = join(store.dir, 'volumes', volume.id, 'upper', 'tmp', 'target.bin');
  vmTargets.push({
    name,
    host: vm.ssh.host,
    port: vm.ssh.port,
    user: 'outscale',
    remotePath: '/tmp/target.bin',
    hostPath: () => sizeOf(upper),
  });
}
const baseline: Target = {
  name: 'OpenSSH sshd',
  host: sshd.host,
  port: sshd.port,
  user: sshd.user,
  remotePath: join(work, 'sshd-target.bin'),
  hostPath: () => sizeOf(join(work, 'sshd-target.bin')),
};

const results = new Map<string, number[]>();
try {
  for (let round = 1; round <= rounds; round++) {
    // Alternate who goes first, so page-cache and writeback effects do not favour one side.
    const order = round % 2 === 1 ? [baseline, ...vmTargets] : [...vmTargets, baseline];
    for (const target of order) {
      const opts = await openControlMaster(target);
      const paths: [string, () => Promise<number>][] = [
        ['ssh2 fastPut', () => ssh2FastPut(target)],
        [
          'OpenSSH scp -O',
          () => timed(() => run('scp', [...opts, '-O', '-P', `${target.port}`, source, remote(target)])),
        ],
        [
          'OpenSSH sftp',
          () => timed(() => run('sftp', [...opts, '-P', `${target.port}`, '-b', batch(target), userHost(target)])),
        ],
      ];
      await writeFile(batch(target), `put ${source} ${target.remotePath}\n`);
      for (const [path, upload] of paths) {
        if (target.name.includes('built-in') && path.includes('scp')) continue;
        await run('ssh', [...opts, '-p', `${target.port}`, userHost(target), `rm -f ${target.remotePath}`]);
        const seconds = await upload();
        const size = await target.hostPath();
        if (size !== bytes) throw new Error(`${target.name} / ${path}: ${size} bytes arrived, expected ${bytes}`);
        const mbps = bytes / 1e6 / seconds;
        const label = `${path} -> ${target.name}`;
        results.set(label, [...(results.get(label) ?? []), mbps]);
        console.log(`round ${round}  ${label.padEnd(40)} ${mbps.toFixed(0).padStart(5)} MB/s`);
      }
      await run('ssh', [...opts, '-O', 'exit', '-p', `${target.port}`, userHost(target)]).catch(() => {});
    }
  }
  console.log('\nmedians, and VM / sshd');
  for (const path of ['ssh2 fastPut', 'OpenSSH scp -O', 'OpenSSH sftp']) {
    const base = median(`${path} -> ${baseline.name}`);
    for (const target of [baseline, ...vmTargets]) {
      const label = `${path} -> ${target.name}`;
      if (!results.has(label)) continue;
      const ratio = target === baseline ? '' : `  ${(median(label) / base).toFixed(2)}x sshd`;
      console.log(`  ${label.padEnd(40)} ${median(label).toFixed(0).padStart(5)} MB/s${ratio}`);
    }
  }
} finally {
  for (const runtime of runtimes) await runtime.close();
  await store.close();
  await sshd.stop();
  await rm(work, { recursive: true, force: true });
}

function median(label: string): number {
  const sorted = [...(results.get(label) ?? [])].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function userHost(target: Target): string {
  return `${target.user}@${target.host}`;
}

function remote(target: Target): string {
  return `${userHost(target)}:${target.remotePath}`;
}

function batch(target: Target): string {
  return join(work, `batch-${target.port}-${target.host}`);
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => ({ size: -1 }))).size;
}

async function openControlMaster(target: Target): Promise<string[]> {
  const control = join(work, `control-${target.host}-${target.port}`);
  const options = [
    ...['-i', keyFile, '-c', cipher, '-o', `ControlPath=${control}`, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
    ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'],
  ];
  spawn('ssh', [...options, '-M', '-N', '-p', `${target.port}`, userHost(target)], { stdio: 'ignore' }).unref();
  for (let i = 0; i < 100; i++) {
    if (
      await run('ssh', [...options, '-O', 'check', '-p', `${target.port}`, userHost(target)]).then(
        () => true,
        () => false,
      )
    ) {
      return options;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ControlMaster connection to ${target.name}`);
}

/** fastPut from a separate Node.js process; returns the seconds the upload took (connection excluded). */
async function ssh2FastPut(target: Target): Promise<number> {
  const script = `
    const ssh2 = require(${JSON.stringify(require.resolve('ssh2'))});
    const [host, port, user, key, cipher, source, dest] = process.argv.slice(1);
    const c = new ssh2.Client();
    c.on('ready', () => c.sftp((e, sftp) => {
      if (e) throw e;
      const t = process.hrtime.bigint();
      sftp.fastPut(source, dest, (err) => {
        if (err) throw err;
        console.log(Number(process.hrtime.bigint() - t) / 1e9);
        c.end();
      });
    }));
    c.connect({ host, port: Number(port), username: user, privateKey: require('fs').readFileSync(key),
      algorithms: { cipher: [cipher] } });`;
  const args = [target.host, `${target.port}`, target.user, keyFile, cipher, source, target.remotePath];
  const { stdout } = await run(process.execPath, ['-e', script, ...args]);
  return Number(stdout.trim());
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function writeRandomFile(path: string, size: number): Promise<void> {
  await mkdir(work, { recursive: true });
  const handle = await open(path, 'w');
  const block = Buffer.allocUnsafe(4 * 1024 * 1024);
  try {
    for (let written = 0; written < size; written += block.length) {
      randomFillSync(block);
      await handle.write(block, 0, Math.min(block.length, size - written));
    }
  } finally {
    await handle.close();
  }
}
