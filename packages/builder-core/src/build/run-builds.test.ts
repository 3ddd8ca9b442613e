import { describe, expect, it } from 'vitest';
import { RecordingUi } from '../test/recording-ui';
import { TestArtifact } from '../test/test-artifact';
import { CaptureStream } from '../ui/capture-stream';
import { createHumanUi } from '../ui/human-ui';
import { createMachineReadableUi } from '../ui/machine-readable-ui';
import type { Artifact } from './artifact';
import type { BuildContext } from './build-context';
import { noProvisioning } from './build-provisioning';
import type { PreparedBuild } from './prepared-build';
import { runBuilds } from './run-builds';

const clock = () => new Date(1_764_195_079_000);

function build(name: string, run: (context: BuildContext) => Promise<Artifact | undefined>): PreparedBuild {
  return { name, builderType: 'test', run, provisioning: noProvisioning, postProcessors: [] };
}

const omi = (id: string) =>
  new TestArtifact({
    id: `eu-west-2:${id}`,
    builderId: 'oapi.outscale.bsu',
    description: `OMIs were created:\neu-west-2: ${id}\n`,
  });

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Builds that wait to be released, recording how many run at once. */
function gatedBuilds(count: number) {
  let running = 0;
  let peak = 0;
  const gates = Array.from({ length: count }, () => deferred());
  const starts = Array.from({ length: count }, () => deferred());
  const builds = gates.map((gate, index) =>
    build(`b${index}`, async () => {
      running += 1;
      peak = Math.max(peak, running);
      starts[index]?.resolve();
      await gate.promise;
      running -= 1;
      return omi(`ami-${index}`);
    }),
  );
  return { builds, gates, starts, peak: () => peak };
}

describe('runBuilds', () => {
  it('runs at most -parallel-builds builds at once', async () => {
    const { builds, gates, starts, peak } = gatedBuilds(3);
    const run = runBuilds(builds, { ui: new RecordingUi(), parallelBuilds: 2, now: clock });
    await Promise.all([starts[0]?.promise, starts[1]?.promise]);
    gates[0]?.resolve();
    await starts[2]?.promise;
    gates[1]?.resolve();
    gates[2]?.resolve();
    const result = await run;
    expect(peak()).toBe(2);
    expect(result.exitCode).toBe(0);
    expect(result.builds.map((b) => b.name)).toEqual(['b0', 'b1', 'b2']);
  });

  it('runs every build at once with -parallel-builds=0, and one at a time under -debug', async () => {
    const all = gatedBuilds(3);
    const unlimited = runBuilds(all.builds, { ui: new RecordingUi(), parallelBuilds: 0, now: clock });
    await Promise.all(all.starts.map((s) => s.promise));
    for (const gate of all.gates) gate.resolve();
    await unlimited;
    expect(all.peak()).toBe(3);

    const one = gatedBuilds(2);
    const ui = new RecordingUi();
    const debug = runBuilds(one.builds, { ui, debug: true, now: clock });
    await one.starts[0]?.promise;
    one.gates[0]?.resolve();
    one.gates[1]?.resolve();
    await debug;
    expect(one.peak()).toBe(1);
    expect(ui.texts('say')[0]).toBe('Debug mode enabled. Builds will not be parallelized.');
  });

  it("prints Packer's summary and exits 1 when a build failed", async () => {
    const stdout = new CaptureStream();
    const stderr = new CaptureStream();
    const ui = createHumanUi({ stdout, stderr, now: clock });
    const result = await runBuilds(
      [
        build('ok', async (context) => {
          context.ui.say('Creating OMI...');
          return omi('ami-1');
        }),
        build('bad', async () => {
          throw new Error('Error launching source VM: quota exceeded');
        }),
        build('empty', async () => undefined),
      ],
      { ui, parallelBuilds: 1, now: clock },
    );
    expect(result.exitCode).toBe(1);
    expect(stdout.text).toBe(
      [
        '==> ok: Creating OMI...',
        "==> ok: Build 'ok' finished after 0 seconds.",
        "==> empty: Build 'empty' finished after 0 seconds.",
        '',
        '==> Wait completed after 0 seconds',
        '',
        '==> Builds finished. The artifacts of successful builds are:',
        '--> ok: OMIs were created:',
        'eu-west-2: ami-1',
        '',
        '',
      ].join('\n'),
    );
    expect(stderr.text).toBe(
      [
        "==> bad: Build 'bad' errored after 0 seconds: Error launching source VM: quota exceeded",
        '',
        "==> Some builds didn't complete successfully and had errors:",
        '--> bad: Error launching source VM: quota exceeded',
        '',
      ].join('\n'),
    );
  });

  it('writes the artifact and error records of -machine-readable', async () => {
    const stdout = new CaptureStream();
    const ui = createMachineReadableUi({ stdout, now: clock });
    await runBuilds(
      [
        build('bsu', async () => omi('ami-1')),
        build('bad', async () => {
          throw new Error('no, really');
        }),
      ],
      { ui, now: clock },
    );
    const lines = stdout.text.split('\n').filter((line) => !line.includes(',ui,'));
    expect(lines).toEqual([
      '1764195079,,error-count,1',
      '1764195079,bad,error,no%!(PACKER_COMMA) really',
      '1764195079,bsu,artifact-count,1',
      '1764195079,bsu,artifact,0,builder-id,oapi.outscale.bsu',
      '1764195079,bsu,artifact,0,id,eu-west-2:ami-1',
      '1764195079,bsu,artifact,0,string,OMIs were created:\\neu-west-2: ami-1\\n',
      '1764195079,bsu,artifact,0,files-count,0',
      '1764195079,bsu,artifact,0,end',
      '',
    ]);
    expect(stdout.text).toContain('1764195079,,ui,say,--> bsu: OMIs were created:\\neu-west-2: ami-1\\n\n');
  });

  it('passes -force, -debug, -on-error and the run UUID to builders', async () => {
    let seen: BuildContext | undefined;
    await runBuilds(
      [
        build('b', async (context) => {
          seen = context;
          return undefined;
        }),
      ],
      { ui: new RecordingUi(), force: true, onError: 'abort', runUuid: 'run-1', now: clock },
    );
    expect(seen).toMatchObject({ force: true, debug: false, onError: 'abort', runUuid: 'run-1', buildName: 'b' });
  });

  it('on cancellation stops starting builds, lets running ones finish, and exits 1', async () => {
    const cancel = new AbortController();
    const started: string[] = [];
    const ui = new RecordingUi();
    const result = await runBuilds(
      [
        build('first', async (context) => {
          started.push('first');
          cancel.abort();
          await context.runSteps([{ name: 'never', run: async () => {} }], {});
          return undefined;
        }),
        build('second', async () => {
          started.push('second');
          return undefined;
        }),
      ],
      { ui, parallelBuilds: 1, signal: cancel.signal, now: clock },
    );
    expect(started).toEqual(['first']);
    expect(result).toMatchObject({ exitCode: 1, cancelled: true });
    expect(ui.texts('error')).toEqual(["Build 'first' errored after 0 seconds: Build was cancelled."]);
    expect(ui.texts('say').at(-1)).toBe('Cleanly cancelled builds after being interrupted.');
  });

  it('after a forced exit does not claim the builds were cancelled cleanly', async () => {
    const cancel = new AbortController();
    const force = new AbortController();
    const ui = new RecordingUi();
    const result = await runBuilds(
      [
        build('only', async () => {
          cancel.abort();
          force.abort();
          return undefined;
        }),
      ],
      { ui, signal: cancel.signal, forceSignal: force.signal, now: clock },
    );
    expect(result).toMatchObject({ exitCode: 1, cancelled: true });
    expect(ui.texts('say')).not.toContain('Cleanly cancelled builds after being interrupted.');
    expect(ui.texts('say').at(-1)).toBe(
      'Cancelled builds after being interrupted, without waiting for their cleanups.',
    );
  });
});
