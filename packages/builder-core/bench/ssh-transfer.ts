// Upload throughput of our SCP and SFTP paths against OpenSSH's own scp (-O: the SCP protocol) and sftp, to
// the same OpenSSH sshd over loopback, with the same cipher. Connection setup is excluded everywhere, and every
// upload goes over an established connection: OpenSSH's clients ride one ControlMaster connection, and our
// communicator connects once per path before its first round. (A fresh connection per round, as this bench
// once did, made ours pay TCP's ramp-up and a backlogged sshd every round while OpenSSH's ran warm.)
//
//   pnpm --filter @osc-packer/builder-core bench -- [--size-mib 512] [--rounds 3] [--cipher aes128-gcm@openssh.com]
//                                                   [--dir /dev/shm]   (where the source and target files go)
//                                                   [--fresh-connection]  (ours connects anew for every upload)
//
// Prints MB/s (10^6 bytes per second) per path and round, the medians and the ratios ours/OpenSSH, and the
// client-side CPU time per 100 MB (ours: this process; OpenSSH: the scp/sftp process and the master ssh),
// which stays meaningful when the machine is shared and wall-clock figures are noisy. Rounds alternate the
// order of the paths.
import { execFile, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startSshd } from '../src/test/start-sshd';
import { connectBenchSsh } from './connect-bench-ssh';
import { findProcess, processCpuMs, treeCpuMs } from './process-cpu';

const run = promisify(execFile);
const { values } = parseArgs({
  // pnpm 12 passes the `--` separating its own options through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    'size-mib': { type: 'string', default: '512' },
    rounds: { type: 'string', default: '3' },
    cipher: { type: 'string', default: 'aes128-gcm@openssh.com' },
    dir: { type: 'string', default: tmpdir() },
    // Runs only the paths whose name contains this (e.g. `sftp`, `osc-packer`): for profiling one path.
    only: { type: 'string', default: '' },
    // Ours connects anew before every upload (connection setup still untimed): a build's first upload.
    'fresh-connection': { type: 'boolean', default: false },
  },
});
const bytes = Number(values['size-mib']) * 1024 * 1024;
const rounds = Number(values.rounds);
const cipher = values.cipher ?? 'aes128-gcm@openssh.com';
const binding = (createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean })
  .bindingAvailable;

interface Sample {
  seconds: number;
  cpuMs: number;
  /** CPU time of sshd and its session processes (the SFTP server included). */
  serverMs: number;
}

console.log(`ssh2 native crypto binding: ${binding ? 'available' : 'MISSING (results are not representative)'}`);
console.log(
  `node ${process.version}, ${values['size-mib']} MiB, ${rounds} rounds, cipher ${cipher}, in ${values.dir}` +
    `${values['fresh-connection'] ? ', ours on a fresh connection every upload' : ''}\n`,
);

const work = await mkdtemp(join(values.dir ?? tmpdir(), 'osc-packer-bench-'));
const sshd = await startSshd();
try {
  const sshdPid = await findProcess(sshd.dir);
  const source = join(work, 'source.bin');
  const target = join(work, 'target.bin');
  await writeRandomFile(source, bytes);
  const keyFile = join(work, 'client_key');
  await writeFile(keyFile, sshd.clientKey.privateKey, { mode: 0o600 });
  const batch = join(work, 'sftp-batch');
  await writeFile(batch, `put ${source} ${target}\n`);
  const remote = `${sshd.username}@${sshd.host}`;
  const sshOptions = [
    ...['-i', keyFile, '-c', cipher, '-o', `ControlPath=${join(work, 'control.sock')}`, '-o', 'BatchMode=yes'],
    ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'],
  ];
  const master = spawn('ssh', [...sshOptions, '-M', '-N', '-p', String(sshd.port), remote], { stdio: 'ignore' });
  await waitForMaster(sshOptions, sshd.port, remote);
  // One connection per method for all rounds, as OpenSSH's clients share one ControlMaster connection.
  const connections = new Map<'scp' | 'sftp', Awaited<ReturnType<typeof connectBenchSsh>>>();
  const ours = async (method: 'scp' | 'sftp'): Promise<Sample> => {
    if (values['fresh-connection']) await connections.get(method)?.close();
    const reuse = values['fresh-connection'] ? undefined : connections.get(method);
    const comm = reuse ?? (await connectBenchSsh(sshd, cipher, method));
    connections.set(method, comm);
    const cpu = process.cpuUsage();
    const seconds = await timed(() => comm.upload(target, createReadStream(source)));
    const used = process.cpuUsage(cpu);
    return { seconds, cpuMs: (used.user + used.system) / 1000, serverMs: 0 };
  };
  const openssh = async (command: string, args: string[]): Promise<Sample> => {
    const timeFile = join(work, 'time.txt');
    const masterBefore = await processCpuMs(master.pid);
    const seconds = await timed(() => run('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args]));
    const [user = 0, system = 0] = (await readFile(timeFile, 'utf8')).trim().split(/\s+/).map(Number);
    const cpuMs = (user + system) * 1000 + (await processCpuMs(master.pid)) - masterBefore;
    return { seconds, cpuMs, serverMs: 0 };
  };
  const paths: Record<string, () => Promise<Sample>> = {
    'osc-packer scp': () => ours('scp'),
    'OpenSSH scp -O': () =>
      openssh('scp', [...sshOptions, '-O', '-P', String(sshd.port), source, `${remote}:${target}`]),
    'osc-packer sftp': () => ours('sftp'),
    'OpenSSH sftp': () => openssh('sftp', [...sshOptions, '-P', String(sshd.port), '-b', batch, remote]),
  };
  const results: Record<string, Sample[]> = {};
  for (let round = 1; round <= rounds; round++) {
    const names = Object.keys(paths).filter((name) => name.includes(values.only ?? ''));
    const order = round % 2 === 1 ? names : names.reverse();
    for (const name of order) {
      await rm(target, { force: true });
      const serverBefore = await treeCpuMs(sshdPid);
      const sample = await (paths[name] as () => Promise<Sample>)();
      sample.serverMs = (await treeCpuMs(sshdPid)) - serverBefore;
      const size = (await stat(target)).size;
      if (size !== bytes) throw new Error(`${name} wrote ${size} bytes, expected ${bytes}`);
      results[name] = [...(results[name] ?? []), sample];
      console.log(`round ${round}  ${name.padEnd(16)} ${format(sample)}`);
    }
  }
  master.kill();
  for (const comm of connections.values()) await comm.close();
  const median = (name: string, pick: (s: Sample) => number) => medianOf((results[name] ?? []).map(pick));
  const speed = (name: string) => median(name, (s) => bytes / 1e6 / s.seconds);
  const cpu = (name: string) => median(name, (s) => s.cpuMs / (bytes / 1e8));
  const server = (name: string) => median(name, (s) => s.serverMs / (bytes / 1e8));
  console.log('\nmedians');
  for (const name of Object.keys(results)) {
    const figures = `${speed(name).toFixed(0).padStart(5)} MB/s  ${cpu(name).toFixed(0).padStart(4)} ms CPU/100 MB`;
    console.log(`  ${name.padEnd(16)} ${figures}, server ${server(name).toFixed(0).padStart(4)}`);
  }
  console.log('ratios ours / OpenSSH (speed: target >= 0.90; CPU: lower is better)');
  for (const [label, ourName, theirName] of [
    ['scp ', 'osc-packer scp', 'OpenSSH scp -O'],
    ['sftp', 'osc-packer sftp', 'OpenSSH sftp'],
  ] as const) {
    if (results[ourName] === undefined || results[theirName] === undefined) continue;
    const speedRatio = speed(ourName) / speed(theirName);
    // Each round runs the two paths back to back, so their ratio within a round is less exposed to what the
    // rest of a shared machine does from one round to the next than the ratio of the medians.
    const paired = medianOf(
      (results[ourName] ?? []).map((ours, round) => {
        const theirs = results[theirName]?.[round];
        return theirs === undefined ? Number.NaN : theirs.seconds / ours.seconds;
      }),
    );
    console.log(
      `  ${label}: speed ${speedRatio.toFixed(2)}x (median of the per-round ratios ${paired.toFixed(2)}x), ` +
        `CPU ${(cpu(ourName) / cpu(theirName)).toFixed(2)}x`,
    );
  }
} finally {
  await sshd.stop();
  await rm(work, { recursive: true, force: true });
}

function medianOf(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function format(sample: Sample): string {
  const mbps = bytes / 1e6 / sample.seconds;
  const per100 = (ms: number) => (ms / (bytes / 1e8)).toFixed(0).padStart(4);
  return `${mbps.toFixed(0).padStart(5)} MB/s  ${per100(sample.cpuMs)} ms CPU/100 MB, server ${per100(sample.serverMs)}`;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function writeRandomFile(path: string, size: number): Promise<void> {
  const { randomFillSync } = await import('node:crypto');
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

async function waitForMaster(sshOptions: string[], port: number, remote: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const check = await run('ssh', [...sshOptions, '-O', 'check', '-p', String(port), remote]).catch(() => undefined);
    if (check !== undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the OpenSSH ControlMaster connection did not come up');
}
