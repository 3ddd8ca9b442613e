import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type FaultRuleInput, faultsFileSchema, isTimingProfileName, startLocalCloud } from '@osc-packer/local-cloud';
import type { CliIo } from '../cli-io';
import { exportLines, summaryLines } from './export-lines';
import { parseFaultFlag } from './parse-fault-flag';

/** The flags of `osc-packer local-cloud start`. */
export interface LocalCloudFlags {
  port: number;
  host: string;
  timing: string;
  faults?: string;
  fault?: string[];
  region: string;
  metadataPort: number;
  hostVm: boolean;
}

async function faultRules(io: CliIo, flags: LocalCloudFlags): Promise<FaultRuleInput[]> {
  const rules: FaultRuleInput[] = [];
  if (flags.faults) {
    const path = resolve(io.cwd, flags.faults);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(`--faults ${flags.faults}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const file = faultsFileSchema.safeParse(parsed);
    if (!file.success) {
      const issues = file.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      throw new Error(`--faults ${flags.faults} is not a valid faults file:\n${issues.join('\n')}`);
    }
    rules.push(...file.data.faults);
  }
  for (const flag of flags.fault ?? []) rules.push(parseFaultFlag(flag));
  return rules;
}

/**
 * Runs a local cloud in the foreground until SIGINT or SIGTERM: prints the `export OSC_...` lines on
 * stdout and the rest on stderr, then stops every VM and removes what it created before returning.
 */
export async function runLocalCloud(io: CliIo, flags: LocalCloudFlags): Promise<void> {
  if (!isTimingProfileName(flags.timing)) {
    throw new Error(`--timing must be instant, fast or realistic (got '${flags.timing}')`);
  }
  const cloud = await startLocalCloud({
    host: flags.host,
    port: flags.port,
    region: flags.region,
    timing: flags.timing,
    faults: await faultRules(io, flags),
    metadata: { port: flags.metadataPort, hostVm: flags.hostVm },
    logger: {
      info: (message) => io.stderr.write(`local-cloud: ${message}\n`),
      warn: (message) => io.stderr.write(`local-cloud: warning: ${message}\n`),
    },
  });
  // Whoever read our output may be gone (a closed pipe): a failed write must never skip the cleanup.
  const ignore = () => {};
  io.stdout.on('error', ignore);
  io.stderr.on('error', ignore);
  // Listen before printing (whoever reads the export lines may signal at once), and keep listening until the
  // cleanup is done: a second Ctrl-C would otherwise kill the process half-way through it.
  let received: NodeJS.Signals | undefined;
  let stop: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((done) => {
    stop = done;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) io.stderr.write('local-cloud: still stopping VMs and cleaning up...\n');
    else {
      received = signal;
      stop(signal);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    io.stdout.write(exportLines(cloud));
    io.stderr.write(summaryLines(cloud));
    const signal = await stopped;
    io.stderr.write(`local-cloud: ${signal}: stopping VMs and cleaning up...\n`);
    await cloud.close();
    io.stderr.write('local-cloud: stopped\n');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
