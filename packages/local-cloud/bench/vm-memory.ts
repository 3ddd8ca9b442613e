// Memory and time for N VMs at once (default 20): each VM's own processes (init, and the unshare process
// that started it), measured as RSS and as PSS (shared pages split between their users), plus what the
// local-cloud process itself grows by (SSH servers, one open connection per VM), per VM.
//
//   node node_modules/.bench/vm-memory.js --vms 20
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ssh2 from 'ssh2';
import { createDataStore, createVmRuntime, newResourceId, type RunningVm } from '../src/index';
import { generateEd25519Key } from '../src/ssh/ed25519-key';

const { values } = parseArgs({ options: { vms: { type: 'string', default: '20' } } });
const count = Number(values.vms);

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  return children(pid).flatMap((child) => [child, ...descendants(child)]);
}

/** RSS and PSS of a process, in KiB (PSS from smaps_rollup, readable for our own processes and as root). */
function memoryOf(pid: number): { rss: number; pss: number } {
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return { rss: field(status, 'VmRSS'), pss: field(rollup, 'Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

const ownRss = () => memoryOf(process.pid).rss;
const store = createDataStore();
const runtime = createVmRuntime({ store });
const key = generateEd25519Key();
const catalog = await store.catalogSnapshot('debian-12');
// Warm the runtime up (isolation probe, boot context) so the baseline does not count it.
const warm = await runtime.start(await launch(999));
await warm.stop();
global.gc?.();
const before = ownRss();

const bootStart = Date.now();
const vms: RunningVm[] = [];
for (let i = 0; i < count; i++) vms.push(await runtime.start(await launch(i)));
const bootMs = Date.now() - bootStart;

const execStart = Date.now();
const clients = await Promise.all(vms.map((vm) => connectAndRun(vm, 'uname -n; sudo true')));
const execMs = Date.now() - execStart;

const perVm = children(process.pid)
  .filter((pid) => comm(pid) === 'unshare')
  .map((unshare) =>
    [unshare, ...descendants(unshare)].map(memoryOf).reduce((a, b) => ({ rss: a.rss + b.rss, pss: a.pss + b.pss })),
  );
const after = ownRss();
const mib = (kib: number) => (kib / 1024).toFixed(1);
const total = perVm.reduce((a, b) => ({ rss: a.rss + b.rss, pss: a.pss + b.pss }), { rss: 0, pss: 0 });

console.log(
  `${count} VMs on ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} cores, uid ${process.getuid?.()}, node ${process.version}`,
);
console.log(`boot ${count} VMs one after another: ${bootMs} ms (${(bootMs / count).toFixed(0)} ms each)`);
console.log(`connect + run a command with sudo on all at once: ${execMs} ms`);
console.log(`VM processes found: ${perVm.length}`);
console.log(
  `per VM, its own processes: RSS ${mib(total.rss / perVm.length)} MiB, PSS ${mib(total.pss / perVm.length)} MiB`,
);
console.log(
  `local-cloud process growth: ${mib(after - before)} MiB in all, ${mib((after - before) / count)} MiB per VM (SSH server + 1 connection)`,
);
console.log(`total per VM (PSS + server share): ${mib(total.pss / perVm.length + (after - before) / count)} MiB`);

for (const client of clients) client.end();
await runtime.close();
await store.close();

async function launch(i: number) {
  return {
    vmId: newResourceId('vm'),
    hostname: `vm-${i}`,
    privateIp: `10.0.1.${i % 250}`,
    publicIp: `127.46.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    root: {
      deviceName: '/dev/sda1',
      volume: await store.createVolumeFromSnapshot(newResourceId('volume'), catalog, 10),
    },
    extraDisks: [],
    authorizedKeys: [key.public],
  };
}

function connectAndRun(vm: RunningVm, command: string): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('error', reject);
    client.once('ready', () =>
      client.exec(command, (error, channel) => {
        if (error) return reject(error);
        channel.resume();
        channel.on('close', () => resolve(client));
      }),
    );
    client.connect({ host: vm.ssh.host, port: vm.ssh.port, username: 'outscale', privateKey: key.private });
  });
}
