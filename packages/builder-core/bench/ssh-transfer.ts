// Upload throughput of our SCP and SFTP paths against OpenSSH's own scp and sftp, to the same OpenSSH sshd
// over loopback, with the same cipher. Connection setup is excluded everywhere: our communicator connects
// before the clock starts, and OpenSSH's clients ride an already open ControlMaster connection.
//
//   pnpm --filter @osc-packer/builder-core bench -- [--size-mib 512] [--rounds 3] [--cipher aes128-gcm@openssh.com]
//
// Prints MB/s (10^6 bytes per second) per path and round, the medians, and ratios ours/OpenSSH.
import { execFile, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { connectSsh } from '../src/communicator/connect-ssh';
import { startSshd } from '../src/test/start-sshd';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '512' },
    rounds: { type: 'string', default: '3' },
    cipher: { type: 'string', default: 'aes128-gcm@openssh.com' },
  },
});
const sizeMiB = Number(values['size-mib']);
const rounds = Number(values.rounds);
const cipher = values.cipher ?? 'aes128-gcm@openssh.com';
const bytes = sizeMiB * 1024 * 1024;

const binding = (createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean })
  .bindingAvailable;
console.log(`ssh2 native crypto binding: ${binding ? 'available' : 'MISSING (results are not representative)'}`);
console.log(`node ${process.version}, ${sizeMiB} MiB, ${rounds} rounds, cipher ${cipher}\n`);

const work = await mkdtemp(join(tmpdir(), 'osc-packer-bench-'));
const sshd = await startSshd();
try {
  const source = join(work, 'source.bin');
  await writeRandomFile(source, bytes);
  const keyFile = join(work, 'client_key');
  await writeFile(keyFile, sshd.clientKey.privateKey, { mode: 0o600 });
  const target = join(work, 'target.bin');
  const control = join(work, 'control.sock');
  const sshOptions = [
    ...['-i', keyFile, '-c', cipher, '-o', `ControlPath=${control}`, '-o', 'BatchMode=yes'],
    ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'],
  ];
  const master = spawn('ssh', [...sshOptions, '-M', '-N', '-p', String(sshd.port), `${sshd.username}@${sshd.host}`], {
    stdio: 'ignore',
  });
  await waitForControlSocket(sshOptions, sshd.port, `${sshd.username}@${sshd.host}`);
  const ours = async (method: 'scp' | 'sftp') => {
    const comm = await connectSsh({
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKeys: [{ key: sshd.clientKey.privateKey }],
      timeoutMs: 10_000,
      ciphers: [cipher],
      fileTransferMethod: method,
    });
    try {
      return await timed(() => comm.upload(target, createReadStream(source)));
    } finally {
      await comm.close();
    }
  };
  const remote = `${sshd.username}@${sshd.host}`;
  const paths: Record<string, () => Promise<number>> = {
    'osc-packer scp': () => ours('scp'),
    'OpenSSH scp -O': () =>
      timed(() => run('scp', [...sshOptions, '-O', '-P', String(sshd.port), source, `${remote}:${target}`])),
    'osc-packer sftp': () => ours('sftp'),
    'OpenSSH sftp': () =>
      timed(() => run('sftp', [...sshOptions, '-P', String(sshd.port), '-b', batchFile(work, source, target), remote])),
  };
  await writeFile(batchFile(work, source, target), `put ${source} ${target}\n`);
  const results: Record<string, number[]> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const [name, path] of Object.entries(paths)) {
      await rm(target, { force: true });
      const seconds = await path();
      const size = (await stat(target)).size;
      if (size !== bytes) throw new Error(`${name} wrote ${size} bytes, expected ${bytes}`);
      const mbps = bytes / 1e6 / seconds;
      results[name] = [...(results[name] ?? []), mbps];
      console.log(`round ${round}  ${name.padEnd(16)} ${mbps.toFixed(0).padStart(5)} MB/s`);
    }
  }
  master.kill();
  const median = (name: string) => {
    const sorted = [...(results[name] ?? [])].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  console.log('\nmedians');
  for (const name of Object.keys(paths))
    console.log(`  ${name.padEnd(16)} ${median(name).toFixed(0).padStart(5)} MB/s`);
  console.log('ratios (ours / OpenSSH, target >= 0.90)');
  console.log(`  scp : ${(median('osc-packer scp') / median('OpenSSH scp -O')).toFixed(2)}x`);
  console.log(`  sftp: ${(median('osc-packer sftp') / median('OpenSSH sftp')).toFixed(2)}x`);
} finally {
  await sshd.stop();
  await rm(work, { recursive: true, force: true });
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function batchFile(dir: string, _source: string, _target: string): string {
  return join(dir, 'sftp-batch');
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

async function waitForControlSocket(sshOptions: string[], port: number, remote: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const check = await run('ssh', [...sshOptions, '-O', 'check', '-p', String(port), remote]).catch(() => undefined);
    if (check !== undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the OpenSSH ControlMaster connection did not come up');
}
