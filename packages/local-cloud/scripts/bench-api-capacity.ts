// 20 VMs (or --vms N) through the API, as a build sees them: time from CreateVms to all `running`, SSH
// into each, API latency with that many VMs, memory per VM (its own processes as PSS, plus what the
// local-cloud process grows by), and time from DeleteVms to all `terminated`. Medians over --rounds.
//
//   pnpm --filter @osc-packer/local-cloud bench:api --vms 20 --rounds 3
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ssh2 from 'ssh2';
import { startLocalCloud } from '../src/index';
import { signedCall } from '../src/testing/signed-call';

const { values } = parseArgs({
  options: { vms: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } },
  allowPositionals: true,
});
const count = Number(values.vms);
const rounds = Number(values.rounds);

const children = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const descendants = (pid: number): number[] => children(pid).flatMap((child) => [child, ...descendants(child)]);
const kib = (pid: number, file: string, field: string) => {
  try {
    return Number(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1] ?? 0,
    );
  } catch {
    return 0;
  }
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const cloud = await startLocalCloud({ timing: 'instant' });
const account = cloud.accounts[0];
if (!account) throw new Error('no account');
const signer = { accessKey: account.accessKey, secretKey: account.secretKey, region: cloud.region };
async function call(operation: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await signedCall(cloud.endpoint, operation, body, signer);
  if (answer.status !== 200) throw new Error(`${operation}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
type Vm = { VmId: string; State: string; PublicIp: string };
const vmsIn = async (ids: string[], state: string) =>
  ((await call('ReadVms', { Filters: { VmIds: ids, VmStateNames: [state] } })).Vms as Vm[]) ?? [];
async function until(ids: string[], state: string): Promise<Vm[]> {
  for (;;) {
    const vms = await vmsIn(ids, state);
    if (vms.length === ids.length) return vms;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
function run(host: string, port: number, privateKey: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('error', reject).once('ready', () =>
      client.exec(command, (error, channel) => {
        if (error) return reject(error);
        channel.resume();
        channel.on('close', () => {
          client.end();
          resolve();
        });
      }),
    );
    client.connect({ host, port, username: 'outscale', privateKey });
  });
}

const privateKey = ((await call('CreateKeypair', { KeypairName: 'bench' })).Keypair as { PrivateKey: string })
  .PrivateKey;
// A build's temporary security group: local-cloud drops SSH connections no inbound rule allows.
const group = (await call('CreateSecurityGroup', { SecurityGroupName: 'bench-ssh', Description: 'SSH' }))
  .SecurityGroup as { SecurityGroupId: string };
await call('CreateSecurityGroupRule', {
  SecurityGroupId: group.SecurityGroupId,
  Flow: 'Inbound',
  IpProtocol: 'tcp',
  FromPortRange: 22,
  ToPortRange: 22,
  IpRange: '0.0.0.0/0',
});
// Warm up (isolation probe, catalog layer) so the first round does not pay for it.
const warm = ((await call('CreateVms', { ImageId: cloud.catalogImageId })).Vms as Vm[]).map((vm) => vm.VmId);
await until(warm, 'running');
await call('DeleteVms', { VmIds: warm });
await until(warm, 'terminated');

const results = {
  boot: [] as number[],
  ssh: [] as number[],
  readVms: [] as number[],
  pss: [] as number[],
  growth: [] as number[],
  terminate: [] as number[],
};
for (let round = 0; round < rounds; round++) {
  const rssBefore = kib(process.pid, 'status', 'VmRSS');
  let started = performance.now();
  const created = (
    await call('CreateVms', {
      ImageId: cloud.catalogImageId,
      KeypairName: 'bench',
      SecurityGroupIds: [group.SecurityGroupId],
      MinVmsCount: count,
      MaxVmsCount: count,
    })
  ).Vms as Vm[];
  const ids = created.map((vm) => vm.VmId);
  const running = await until(ids, 'running');
  results.boot.push(performance.now() - started);
  started = performance.now();
  await Promise.all(
    running.map((vm) => {
      const endpoint = cloud.sshEndpoint(vm.PublicIp);
      if (!endpoint) throw new Error(`no SSH endpoint for ${vm.VmId}`);
      return run(endpoint.host, endpoint.port, privateKey, 'uname -n; sudo true');
    }),
  );
  results.ssh.push(performance.now() - started);
  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await call('ReadVms', {});
    latencies.push(performance.now() - t);
  }
  results.readVms.push(median(latencies));
  const vmProcesses = children(process.pid).filter(
    (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'unshare',
  );
  const pss = vmProcesses
    .flatMap((pid) => [pid, ...descendants(pid)])
    .reduce((sum, pid) => sum + kib(pid, 'smaps_rollup', 'Pss'), 0);
  results.pss.push(pss / Math.max(1, vmProcesses.length));
  results.growth.push((kib(process.pid, 'status', 'VmRSS') - rssBefore) / count);
  started = performance.now();
  await call('DeleteVms', { VmIds: ids });
  await until(ids, 'terminated');
  results.terminate.push(performance.now() - started);
}
await cloud.close();

const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?';
const ms = (v: number[]) => `${median(v).toFixed(0)} ms`;
const mib = (v: number[]) => `${(median(v) / 1024).toFixed(1)} MiB`;
console.log(
  `${count} VMs through the API, ${rounds} rounds (medians), ${cores} cores, uid ${process.getuid?.()}, node ${process.version}`,
);
console.log(`CreateVms -> all running:        ${ms(results.boot)}`);
console.log(`SSH + command on all at once:    ${ms(results.ssh)}`);
console.log(`ReadVms with ${count} VMs (median): ${median(results.readVms).toFixed(1)} ms`);
console.log(`per VM, its own processes (PSS): ${mib(results.pss)}`);
console.log(`per VM, local-cloud growth (RSS): ${mib(results.growth)}`);
console.log(`DeleteVms -> all terminated:     ${ms(results.terminate)}`);
