import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuilderRuntime } from '../builder-runtime';
import { tempFiles } from '../cli-test-helpers';
import { readBuildArguments } from './build-arguments';
import { captureContext, testComponents, waitForFile } from './build-test-helpers';
import { runBuild } from './run-build';

const secret = 'hunter2-very-secret';
const files = tempFiles({});
afterAll(() => files.cleanup());

let serial = 0;
/** A template of test builds, each with its own directory of marker files. */
function template(builders: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  serial += 1;
  const name = `t${serial}`;
  const dirs = builders.map((_, index) => join(files.dir, `${name}-${index}`));
  const local = tempFiles({});
  const body = {
    variables: { token: secret },
    'sensitive-variables': ['token'],
    builders: builders.map((builder, index) => ({
      type: 'osc-test',
      dir: dirs[index],
      steps: ['keypair', 'vm'],
      password: '{{user `token`}}',
      ...builder,
    })),
    ...extra,
  };
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  writeFileSync(join(local.dir, 'template.json'), JSON.stringify(body));
  return { path: join(local.dir, 'template.json'), dirs, cwd: local.dir };
}

async function build(
  argv: Record<string, unknown>,
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  signals?: EventEmitter,
  stdin?: NodeJS.ReadableStream,
) {
  const runtimes: BuilderRuntime[] = [];
  const { context, stdout, stderr } = captureContext(cwd, env, {
    ...(signals ? { signals } : {}),
    ...(stdin ? { stdin } : {}),
  });
  const code = await runBuild(readBuildArguments(argv), context, testComponents(runtimes));
  return { code, stdout: stdout.text, stderr: stderr.text, runtimes };
}

const created = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.created'));

describe('osc-packer build (in-process, with a test builder)', () => {
  it('runs a build, its provisioners and post-processors, and prints Packer’s summary', async () => {
    const t = template([{ name: 'web' }], {
      provisioners: [{ type: 'shell-local', inline: ['echo provisioned {{user `token`}}'] }],
      'post-processors': [{ type: 'manifest', output: 'manifest-out.json' }],
    });
    const result = await build({ template: t.path }, t.cwd, { PACKER_LOG: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('==> web: Creating keypair...');
    expect(result.stdout).toContain('    web: provisioned <sensitive>');
    expect(result.stdout).toMatch(/Build 'web' finished after .+\./);
    expect(result.stdout).toContain(
      '==> Builds finished. The artifacts of successful builds are:\n--> web: Test artifact of web\n',
    );
    const manifest = JSON.parse(readFileSync(join(t.cwd, 'manifest-out.json'), 'utf8'));
    expect(manifest.builds[0]).toMatchObject({ name: 'web', builder_type: 'osc-test', artifact_id: 'test:web' });
    expect(created(t.dirs[0] ?? '')).toEqual([]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    expect(result.stderr).toContain('[INFO] ui: ==> web: Creating keypair...');
  });

  it('fails a build with Packer’s messages after cleaning up, exit 1', async () => {
    const t = template([{ name: 'web', fail_at: 'vm' }]);
    const result = await build({ template: t.path }, t.cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Build 'web' errored after .+: .*vm failed \(password <sensitive>\)/);
    expect(result.stderr).toContain("==> Some builds didn't complete successfully and had errors:\n--> web: ");
    expect(result.stdout).toContain('==> Builds finished but no artifacts were created.');
    expect(created(t.dirs[0] ?? '')).toEqual([]);
    expect(readFileSync(join(t.dirs[0] ?? '', 'cleanup.log'), 'utf8')).toBe('vm\nkeypair\n');
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
  });

  it('-on-error=abort leaves resources, and says where the journal is and how to clean up', async () => {
    const t = template([{ name: 'web', fail_at: 'vm' }]);
    const result = await build({ template: t.path, 'on-error': 'abort' }, t.cwd, { OSC_PACKER_JOURNAL_DIR: 'j' });
    expect(result.code).toBe(1);
    expect(created(t.dirs[0] ?? '').sort()).toEqual(['keypair.created', 'vm.created']);
    expect(result.stderr).toContain("web: -on-error=abort skipped the cleanup of 'vm', 'keypair'");
    expect(result.stderr).toContain(
      `The resource journal (${join(t.cwd, 'j')}) lists what is left: run 'osc-packer cleanup'`,
    );
    expect(result.runtimes[0]?.journalDir).toBe(join(t.cwd, 'j'));
  });

  it('runs the builds that prepared and reports the others, exit 1 (as Packer)', async () => {
    const t = template([
      { name: 'good' },
      { name: 'bad', steps: [], unknown_key: 1 },
      { name: 'later', type: 'osc-chroot' },
    ]);
    const result = await build({ template: t.path }, t.cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: Failed to prepare build: "bad"');
    expect(result.stderr).toContain('unknown_key');
    expect(result.stderr).toContain(
      'Error: Failed to initialize build "later"\n\nbuilder type "osc-chroot" is not available yet in osc-packer',
    );
    expect(result.stdout).toContain('--> good: Test artifact of good');
  });

  it('prints -machine-readable records only, parsable as Packer’s', async () => {
    const t = template([{ name: 'a' }, { name: 'b', fail_at: 'keypair' }]);
    const result = await build({ template: t.path, 'machine-readable': true }, t.cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const records = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    for (const record of records) expect(record[0]).toMatch(/^\d+$/);
    const types = records.map((record) => `${record[1]},${record[2]}`);
    expect(types).toContain(',error-count');
    expect(types).toContain('b,error');
    expect(types).toContain('a,artifact-count');
    expect(result.stdout).toContain(',a,artifact,0,id,test:a\n');
    expect(result.stdout).not.toContain(secret);
  });

  it('-parallel-builds=1 runs one build at a time; 0 runs them together', async () => {
    const t = template([{ name: 'one', block_at: 'vm' }, { name: 'two' }]);
    const signals = new EventEmitter();
    const running = build({ template: t.path, 'parallel-builds': 1 }, t.cwd, {}, signals);
    await waitForFile(join(t.dirs[0] ?? '', 'blocked'));
    expect(existsSync(join(t.dirs[1] ?? '', 'keypair.created'))).toBe(false);
    signals.emit('SIGINT');
    const result = await running;
    expect(result.code).toBe(1);
    expect(existsSync(join(t.dirs[1] ?? '', 'cleanup.log'))).toBe(false);
  });

  it('first SIGINT cancels and cleans up, printing what it cleans; exit 1', async () => {
    const t = template([{ name: 'web', block_at: 'vm' }]);
    const signals = new EventEmitter();
    const running = build({ template: t.path }, t.cwd, {}, signals);
    await waitForFile(join(t.dirs[0] ?? '', 'blocked'));
    signals.emit('SIGINT');
    const result = await running;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cancelling build after receiving interrupt');
    expect(result.stdout).toContain('Cleaning up after cancellation: vm');
    expect(result.stdout).toContain('Cleanly cancelled builds after being interrupted.');
    expect(created(t.dirs[0] ?? '')).toEqual([]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('a second SIGTERM forces exit and says what was left and how to clean it', async () => {
    const t = template([{ name: 'web', block_at: 'vm', block_cleanup_of: 'vm' }]);
    const signals = new EventEmitter();
    const running = build({ template: t.path }, t.cwd, { OSC_PACKER_JOURNAL_DIR: '/tmp/j' }, signals);
    await waitForFile(join(t.dirs[0] ?? '', 'blocked'));
    signals.emit('SIGTERM');
    await waitForFile(join(t.dirs[0] ?? '', 'cleanup-blocked'));
    signals.emit('SIGTERM');
    const result = await running;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cancelling build after receiving terminated');
    expect(result.stderr).toContain('Forced exit after a second terminated');
    expect(result.stderr).toContain("web: forced exit skipped the cleanup of 'vm', 'keypair'");
    expect(result.stderr).toContain("The resource journal (/tmp/j) lists what is left: run 'osc-packer cleanup'");
  });

  it('refuses unusable flags and OSC_POLL_* values, naming them', async () => {
    const t = template([{ name: 'web' }]);
    expect(() => readBuildArguments({ template: t.path, 'on-error': 'retry' })).toThrow(
      "-on-error must be one of cleanup, abort, ask, run-cleanup-provisioner (got 'retry')",
    );
    expect(() => readBuildArguments({ template: t.path, 'parallel-builds': -2 })).toThrow('-parallel-builds');
    const result = await build({ template: t.path }, t.cwd, { OSC_POLL_DELAY_SECONDS: 'soon' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('OSC_POLL_DELAY_SECONDS must be a number of seconds');
  });

  it('passes OSC_POLL_* waiter settings and the default journal directory to builders', async () => {
    const t = template([{ name: 'web' }]);
    const result = await build({ template: t.path }, t.cwd, {
      OSC_POLL_DELAY_SECONDS: '0.5',
      XDG_STATE_HOME: '/state',
    });
    expect(result.code).toBe(0);
    expect(result.runtimes[0]).toMatchObject({ waiter: { minDelayMs: 500 }, journalDir: '/state/osc-packer/journal' });
  });

  it('-debug pauses after each step until enter is pressed on stdin', async () => {
    const t = template([{ name: 'web' }]);
    const stdin = new PassThrough();
    stdin.end('\n\n\n\n\n\n\n\n');
    const result = await build({ template: t.path, debug: true }, t.cwd, {}, undefined, stdin);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Debug mode enabled. Builds will not be parallelized.');
    expect(result.stdout).toContain("==> web: Pausing after run of step 'keypair'. Press enter to continue.");
    expect(result.stdout).toContain("==> web: Pausing before cleanup of step 'vm'. Press enter to continue.");
  });

  it('-on-error=ask asks Packer’s question and retries, cleans up or aborts as answered', async () => {
    const t = template([{ name: 'web', fail_at: 'vm' }]);
    const stdin = new PassThrough();
    stdin.end('x\nr\na\n');
    const result = await build({ template: t.path, 'on-error': 'ask' }, t.cwd, {}, undefined, stdin);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('==> web: Step "vm" failed');
    expect(result.stdout).toContain('[c] Clean up and exit, [a] abort without cleanup, or [r] retry step');
    expect(result.stdout).toContain('Incorrect input: "x"');
    expect(created(t.dirs[0] ?? '').sort()).toEqual(['keypair.created', 'vm.created']);
  });

  it('-timestamp-ui prefixes build lines with RFC 3339 times; -color=false keeps a terminal plain', async () => {
    const t = template([{ name: 'web' }]);
    const result = await build({ template: t.path, 'timestamp-ui': true, color: false }, t.cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d): ==> web: Creating keypair\.\.\.$/m,
    );
    expect(result.stdout).not.toContain('\x1b[');
  });
});
