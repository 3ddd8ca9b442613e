// Benchmark (not a test): the per-call cost of oapi-client against a bare undici request, all sending
// ReadVms to the same local HTTP server (in a worker thread, so its work is off the measuring thread).
// Three sides: a bare request (no signing), the same request signed with osc-auth's signRequest (the floor
// of any correct client), and oapi-client's call. Calls alternate one by one, in rotating order, so load
// from other processes hits every side alike; each round sums each side's time; medians over rounds.
//
//   pnpm exec turbo run bench --filter=@osc-packer/oapi-client      (builds osc-auth first)
//   BENCH_ROUNDS=30 BENCH_CALLS=300 pnpm --filter @osc-packer/oapi-client bench
import { Worker } from 'node:worker_threads';
import { signRequest } from '@osc-packer/osc-auth';
import { Pool } from 'undici';
import { createOapiClient } from '../src/index';

const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const callsPerRound = Number(process.env.BENCH_CALLS ?? 200);
const warmupCalls = 500;
const keys = { accessKey: 'ABCDEFGHIJ0123456789', secretKey: '0123456789ABCDEFGHIJabcdefghij0123456789' };

// A realistic ReadVms answer: three VMs with the fields the builders read, about 2.5 KB of JSON.
const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const vm = (i) => ({ VmId: 'i-0000000' + i, State: 'running', VmType: 'tinav5.c2r4p2', ImageId: 'ami-12345678',
  PrivateIp: '10.0.0.' + i, PublicIp: '198.51.100.' + i, SubnetId: 'subnet-12345678', NetId: 'vpc-12345678',
  SecurityGroups: [{ SecurityGroupId: 'sg-12345678', SecurityGroupName: 'packer_build' }],
  BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Bsu: { VolumeId: 'vol-1234567' + i, State: 'attached',
  DeleteOnVmDeletion: true, LinkDate: '2026-01-02T03:04:05.000Z' } }],
  Tags: [{ Key: 'Name', Value: 'packer builder ' + i }, { Key: 'packer-build', Value: 'f00dcafe' }],
  CreationDate: '2026-01-02T03:04:05.000Z', Placement: { SubregionName: 'eu-west-2a', Tenancy: 'default' } });
const body = JSON.stringify({ Vms: [vm(1), vm(2), vm(3)], ResponseContext: { RequestId: '0475ca1e-d0c5-441d-712a-da55a4175157' } });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

type Side = () => Promise<unknown>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Microseconds per call of each side over `calls` rotations. */
async function round(calls: number, sides: Side[]): Promise<number[]> {
  const totals = sides.map(() => 0);
  for (let i = 0; i < calls; i++) {
    for (let k = 0; k < sides.length; k++) {
      const index = (i + k) % sides.length;
      const started = process.hrtime.bigint();
      await sides[index]?.();
      totals[index] = (totals[index] ?? 0) + Number(process.hrtime.bigint() - started) / 1000;
    }
  }
  return totals.map((total) => total / calls);
}

async function main() {
  const worker = new Worker(serverSource, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const input = { Filters: { VmIds: ['i-00000001', 'i-00000002', 'i-00000003'] } };
  const url = new URL(`${origin}/api/v1/ReadVms`);

  const pool = new Pool(origin, { connections: 8, keepAliveTimeout: 20_000 });
  const send = async (headers: Record<string, string>, body: string) => {
    const answer = await pool.request({ path: url.pathname, method: 'POST', headers, body });
    return answer.body.json();
  };
  const bare: Side = () => send({ 'content-type': 'application/json' }, JSON.stringify(input));
  const signedBare: Side = () => {
    const body = JSON.stringify(input);
    const headers = { 'Content-Type': 'application/json', 'User-Agent': 'bench' };
    return send(signRequest({ method: 'POST', url, headers, body }, { ...keys, region: 'eu-west-2' }), body);
  };
  const client = createOapiClient({
    endpoint: `${origin}/api/v1/`,
    region: 'eu-west-2',
    credentials: keys,
    // The limiter's code path runs, but a limit this high never waits: we measure overhead, not the 5 req/s.
    rateLimit: { requestsPerSecond: 1e9, burst: 1e9 },
  });
  const ours: Side = () => client.call('ReadVms', input);

  const sides = [bare, signedBare, ours];
  await round(warmupCalls, sides);
  const perRound: number[][] = [];
  for (let r = 0; r < rounds; r++) perRound.push(await round(callsPerRound, sides));
  await client.close();
  await pool.close();
  await worker.terminate();

  const column = (index: number) => perRound.map((times) => times[index] ?? 0);
  const ratio = (index: number, base: number) => median(perRound.map((t) => (t[index] ?? 0) / (t[base] ?? 1)));
  const stats = client.stats;
  console.log(
    `ReadVms against a local HTTP server (worker thread), ${rounds} rounds x ${callsPerRound} calls per side`,
  );
  console.log(`  bare undici request (no signing, JSON parsed): median ${median(column(0)).toFixed(1)} us/call`);
  console.log(`  bare request + osc-auth signRequest:         median ${median(column(1)).toFixed(1)} us/call`);
  console.log(`  oapi-client call:                             median ${median(column(2)).toFixed(1)} us/call`);
  console.log(`  ratio oapi-client / bare:         ${ratio(2, 0).toFixed(3)} (target <= 1.2)`);
  console.log(`  ratio oapi-client / signed bare:  ${ratio(2, 1).toFixed(3)} (the pipeline beyond signing)`);
  console.log(`  ratio signed bare / bare:         ${ratio(1, 0).toFixed(3)} (the cost of signing alone)`);
  console.log(`  client stats: ${stats.calls} calls, ${stats.attempts} attempts, ${stats.retries} retries`);
}

await main();
