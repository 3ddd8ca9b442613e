// Repeats one of our upload paths to an OpenSSH sshd, for profilers: setup first, then `ready <pid>` on
// stderr, a wait for a line on stdin (attach `perf record -p <pid>` meanwhile), then the uploads, each
// printing its MB/s and this process's CPU per 100 MB.
//
//   pnpm --filter @osc-packer/builder-core exec tsup bench/upload-profile.ts --no-config --format esm \
//     --platform node --target node20 --out-dir node_modules/.bench --external ssh2 --silent
//   node node_modules/.bench/upload-profile.js --method sftp --size-mib 512 --repeat 4 --dir /dev/shm
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startSshd } from '../src/test/start-sshd';
import { connectBenchSsh } from './connect-bench-ssh';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    method: { type: 'string', default: 'sftp' },
    'size-mib': { type: 'string', default: '512' },
    repeat: { type: 'string', default: '4' },
    cipher: { type: 'string', default: 'aes128-gcm@openssh.com' },
    dir: { type: 'string', default: tmpdir() },
    wait: { type: 'boolean', default: false },
    // A new connection for every upload (the default reuses one, as OpenSSH's ControlMaster does).
    reconnect: { type: 'boolean', default: false },
  },
});
const bytes = Number(values['size-mib']) * 1024 * 1024;
const method = values.method === 'scp' ? 'scp' : 'sftp';
const work = await mkdtemp(join(values.dir ?? tmpdir(), 'osc-packer-profile-'));
const sshd = await startSshd();
try {
  const source = join(work, 'source.bin');
  const target = join(work, 'target.bin');
  const handle = await open(source, 'w');
  const block = Buffer.alloc(4 * 1024 * 1024, 7);
  for (let written = 0; written < bytes; written += block.length) {
    await handle.write(block, 0, Math.min(block.length, bytes - written));
  }
  await handle.close();
  const cipher = values.cipher ?? 'aes128-gcm@openssh.com';
  let comm = await connectBenchSsh(sshd, cipher, method);
  try {
    console.error(`ready ${process.pid}`);
    if (values.wait) {
      const lines = createInterface({ input: process.stdin });
      await lines[Symbol.asyncIterator]().next();
      lines.close();
      process.stdin.destroy();
    }
    for (let i = 0; i < Number(values.repeat); i++) {
      if (values.reconnect && i > 0) {
        await comm.close();
        comm = await connectBenchSsh(sshd, cipher, method);
      }
      // Each upload creates the file anew, as in the bench: overwriting a file's existing pages costs sshd less.
      await rm(target, { force: true });
      const faults = process.resourceUsage().minorPageFault;
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      await comm.upload(target, createReadStream(source));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      console.log(
        `${method} ${(bytes / 1e6 / seconds).toFixed(0)} MB/s  ${(cpuMs / (bytes / 1e8)).toFixed(0)} ms CPU/100 MB ` +
          `(user ${(used.user / 1000 / (bytes / 1e8)).toFixed(0)}), ` +
          `${process.resourceUsage().minorPageFault - faults} page faults`,
      );
    }
  } finally {
    await comm.close();
  }
} finally {
  await sshd.stop();
  await rm(work, { recursive: true, force: true });
}
