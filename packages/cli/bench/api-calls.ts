// Benchmark (not a test): one osc-bsu build, run by the real CLI in-process against local-cloud's `realistic`
// timing. Prints, per API operation, the calls osc-packer made and those the Go plugin's fixed 2-second poll
// would have made for the same waits, and the wall time of both. Run: `pnpm bench [-- --scale 0.5 --runs 3]`;
// `--poll-max-delay 5` sets OSC_POLL_MAX_DELAY_SECONDS for the build (the waiters' backoff ceiling).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { type LocalCloud, startLocalCloud } from '@osc-packer/local-cloud';
import { runCli } from '../src/run-cli';

/** A wait of the build: announced by a UI line, ended by the next one, polling one operation. */
interface WaitKind {
  readonly label: string;
  readonly operation: string;
  readonly starts: RegExp;
  /** The cloud state change that ends it, seen by the watcher. */
  readonly change: (events: readonly CloudEvent[], after: number) => number | undefined;
}

interface CloudEvent {
  readonly at: number;
  readonly what: string;
}

interface Line {
  readonly at: number;
  readonly text: string;
  /** A debug-log line (`2026/11/27 00:21:59 [DEBUG] ...`), not build output. */
  readonly log: boolean;
}

const goPollMs = 2000;
const first = (events: readonly CloudEvent[], after: number, what: RegExp) =>
  events.find((event) => event.at >= after && what.test(event.what))?.at;

const waits: readonly WaitKind[] = [
  {
    label: 'VM running',
    operation: 'ReadVms',
    starts: /Waiting for vm \(i-\w+\) to become ready/,
    change: (e, t) => first(e, t, /^vm .* running$/),
  },
  {
    label: 'VM stopped',
    operation: 'ReadVms',
    starts: /Waiting for the vm to stop/,
    change: (e, t) => first(e, t, /^vm .* stopped$/),
  },
  {
    label: 'OMI available',
    operation: 'ReadImages',
    starts: /Waiting for OMI to become ready/,
    change: (e, t) => first(e, t, /^image .* available$/),
  },
  {
    label: 'VM terminated',
    operation: 'ReadVms',
    starts: /Terminating the source OUTSCALE vm/,
    change: (e, t) => first(e, t, /^vm .* gone$/),
  },
];

function recorder(lines: Line[]): Writable {
  let pending = '';
  return new Writable({
    write(chunk, _encoding, done) {
      pending += String(chunk);
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const text of parts) lines.push({ at: Date.now(), text, log: /^\d{4}\/\d\d\/\d\d /.test(text) });
      done();
    },
  });
}

/** Watches the cloud's inventory every 50 ms and records each state change with its time. */
function watch(cloud: LocalCloud): { events: CloudEvent[]; stop: () => void } {
  const events: CloudEvent[] = [];
  const seen = new Map<string, string>();
  const timer = setInterval(() => {
    const live = new Set<string>();
    for (const account of cloud.inventory().accounts) {
      for (const vm of account.vms) {
        live.add(vm.vmId);
        if (seen.get(vm.vmId) !== vm.state) events.push({ at: Date.now(), what: `vm ${vm.vmId} ${vm.state}` });
        seen.set(vm.vmId, vm.state);
      }
      for (const image of account.images) {
        if (seen.get(image.imageId) !== image.state) {
          events.push({ at: Date.now(), what: `image ${image.imageId} ${image.state}` });
        }
        seen.set(image.imageId, image.state);
      }
    }
    for (const id of seen.keys()) {
      if (id.startsWith('i-') && !live.has(id) && seen.get(id) !== 'gone') {
        events.push({ at: Date.now(), what: `vm ${id} gone` });
        seen.set(id, 'gone');
      }
    }
  }, 50);
  return { events, stop: () => clearInterval(timer) };
}

const template = {
  builders: [
    {
      type: 'osc-bsu',
      vm_type: 'tinav6.c1r1p2',
      source_omi_filter: { filters: { 'image-name': 'Debian-12-*' }, owners: ['Outscale'], most_recent: true },
      ssh_username: 'outscale',
      omi_name: 'bench-{{timestamp}}',
      temporary_security_group_source_cidrs: ['127.0.0.0/8'],
    },
  ],
  provisioners: [{ type: 'shell', inline: ['echo provisioned on $(hostname)'] }],
};

interface RunResult {
  wallMs: number;
  calls: Record<string, number>;
  rows: {
    label: string;
    operation: string;
    durationMs: number;
    ours: number;
    go: number;
    ourLagMs: number;
    goLagMs: number;
  }[];
}

async function runOnce(scale: number, pollMaxDelay: string | undefined): Promise<RunResult> {
  const cloud = await startLocalCloud({ timing: { profile: 'realistic', scale } });
  const dir = mkdtempSync(join(tmpdir(), 'osc-packer-bench-'));
  const path = join(dir, 'template.json');
  writeFileSync(path, JSON.stringify(template));
  const [account] = cloud.accounts;
  const lines: Line[] = [];
  const watcher = watch(cloud);
  const io = {
    stdout: recorder(lines),
    stderr: recorder(lines),
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      PACKER_LOG: '1',
      OSC_ENDPOINT_API: cloud.endpoint,
      OSC_ACCESS_KEY: account?.accessKey,
      OSC_SECRET_KEY: account?.secretKey,
      OSC_REGION: cloud.region,
      ...(pollMaxDelay ? { OSC_POLL_MAX_DELAY_SECONDS: pollMaxDelay } : {}),
    },
  };
  const started = Date.now();
  try {
    const code = await runCli(['build', '-color=false', path], io);
    if (code !== 0) throw new Error(`the build failed:\n${lines.map((line) => line.text).join('\n')}`);
    const wallMs = Date.now() - started;
    return { wallMs, calls: cloud.stats().calls, rows: waitRows(lines, watcher.events) };
  } finally {
    watcher.stop();
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const uiLine = (line: Line) => !line.log && /^(==>| {4})\s*\S+:/.test(line.text);

function waitRows(lines: readonly Line[], events: readonly CloudEvent[]): RunResult['rows'] {
  return waits.flatMap((wait) => {
    const startIndex = lines.findIndex((line) => uiLine(line) && wait.starts.test(line.text));
    const start = lines[startIndex];
    if (!start) return [];
    const end = lines.slice(startIndex + 1).find(uiLine) ?? lines[lines.length - 1];
    const endAt = end?.at ?? start.at;
    const changedAt = wait.change(events, start.at) ?? endAt;
    const attempt = new RegExp(`OAPI ${wait.operation} attempt`);
    const ours = lines.filter(
      (line) => line.log && line.at >= start.at && line.at <= endAt && attempt.test(line.text),
    ).length;
    const durationMs = Math.max(0, changedAt - start.at);
    const go = Math.max(1, Math.ceil(durationMs / goPollMs));
    return [
      {
        label: wait.label,
        operation: wait.operation,
        durationMs,
        ours,
        go,
        ourLagMs: Math.max(0, endAt - changedAt),
        goLagMs: go * goPollMs - durationMs,
      },
    ];
  });
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Prints one run's tables; returns its totals: calls and wall time, measured and with 2 s polls. */
function printRun(result: RunResult): { calls: number; goCalls: number; wallMs: number; goWallMs: number } {
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  console.log('\nWaits (state durations measured on the cloud; Go model: one poll every 2 s, the first after 2 s):');
  console.log(
    `${'wait'.padEnd(15)}${pad('lasted', 9)}${pad('osc-packer polls', 18)}${pad('2 s polls', 11)}${pad('seen after (ours)', 19)}${pad('(2 s poll)', 12)}`,
  );
  for (const row of result.rows) {
    console.log(
      `${row.label.padEnd(15)}${pad(seconds(row.durationMs), 9)}${pad(row.ours, 18)}${pad(row.go, 11)}${pad(seconds(row.ourLagMs), 19)}${pad(seconds(row.goLagMs), 12)}`,
    );
  }
  const extra = new Map<string, number>();
  for (const row of result.rows) extra.set(row.operation, (extra.get(row.operation) ?? 0) + row.go - row.ours);
  console.log('\nAPI calls per operation (the 2 s column: the same build with the waits polled every 2 s):');
  console.log(`${'operation'.padEnd(24)}${pad('osc-packer', 12)}${pad('2 s polls', 11)}`);
  let ours = 0;
  let go = 0;
  for (const [operation, count] of Object.entries(result.calls).sort()) {
    const model = count + (extra.get(operation) ?? 0);
    ours += count;
    go += model;
    console.log(`${operation.padEnd(24)}${pad(count, 12)}${pad(model, 11)}`);
  }
  console.log(`${'total'.padEnd(24)}${pad(ours, 12)}${pad(go, 11)}`);
  const lag = (pick: (row: RunResult['rows'][number]) => number) =>
    result.rows.reduce((sum, row) => sum + pick(row), 0);
  const goWall = result.wallMs - lag((row) => row.ourLagMs) + lag((row) => row.goLagMs);
  console.log(
    `\nWall time: osc-packer ${seconds(result.wallMs)}; with 2 s polls ${seconds(goWall)} (same build, waits seen as the model says)`,
  );
  return { calls: ours, goCalls: go, wallMs: result.wallMs, goWallMs: goWall };
}

async function main(): Promise<void> {
  // `pnpm bench -- --scale 0.5` passes the `--` on.
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: '1' },
      runs: { type: 'string', default: '1' },
      'poll-max-delay': { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  const runs = Number(values.runs);
  const pollMaxDelay = values['poll-max-delay'];
  const polling = pollMaxDelay ? `OSC_POLL_MAX_DELAY_SECONDS=${pollMaxDelay}` : 'default polling';
  console.log(
    `osc-packer API-calls benchmark: ${runs} osc-bsu build(s) on local-cloud, timing realistic x ${scale}, ${polling}`,
  );
  const totals: ReturnType<typeof printRun>[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await runOnce(scale, pollMaxDelay);
    console.log(
      `\nRun ${run}: ${seconds(result.wallMs)}, ${Object.values(result.calls).reduce((a, b) => a + b, 0)} calls`,
    );
    totals.push(printRun(result));
  }
  const m = (pick: (total: ReturnType<typeof printRun>) => number) => median(totals.map(pick));
  console.log(`\nMedians over ${runs} run(s):`);
  console.log(
    `  API calls   osc-packer ${m((t) => t.calls)}   2 s polls ${m((t) => t.goCalls)}   ratio ${(m((t) => t.calls) / m((t) => t.goCalls)).toFixed(2)}`,
  );
  console.log(
    `  wall time   osc-packer ${seconds(m((t) => t.wallMs))}   2 s polls ${seconds(m((t) => t.goWallMs))}   ratio ${(m((t) => t.wallMs) / m((t) => t.goWallMs)).toFixed(2)}`,
  );
}

await main();
