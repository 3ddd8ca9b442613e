#!/usr/bin/env node
// Entry point of every root npm script. It is plain JavaScript on purpose: it runs on a fresh clone,
// before any dependency (TypeScript included) is installed, with nothing but Node.js and npm.
//
// It makes the workspace ready (pinned pnpm in ./.tools, dependencies installed for the running Node.js,
// native addons built against the running Node.js's headers) and then runs the requested task.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootManifest.packageManager.replace(/^pnpm@/, '');
const minimumNode = [20, 19];
// Read before pnpm first runs: pnpm 12 writes its own version into pnpm-lock.yaml on any invocation.
const lockfileCommitted = existsSync(join(root, 'pnpm-lock.yaml'));

function fail(message) {
  console.error(`\nosc-packer setup: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) fail(`'${command} ${args.join(' ')}' failed with exit code ${status}`);
}

function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < minimumNode[0] || (major === minimumNode[0] && minor < minimumNode[1])) {
    fail(`Node.js ${minimumNode.join('.')} or later is required; this is ${process.versions.node}.`);
  }
}

// node-gyp must build ssh2's binding against the headers of the Node.js that runs the tests. pnpm 12 ignores
// `nodedir` from .npmrc, so it is exported here; without it node-gyp tries to download headers, fails, and
// ssh2 silently falls back to its slow pure-JavaScript crypto.
function nodeHeadersDir() {
  const candidates = [resolve(process.execPath, '..', '..'), '/usr', '/usr/local'];
  return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

function prepareEnvironment() {
  const headers = nodeHeadersDir();
  if (headers) process.env.npm_config_nodedir = headers;
  process.env.PATH = [join(toolsDir, 'bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
  process.env.TURBO_TELEMETRY_DISABLED = '1';
  process.env.TURBO_NO_UPDATE_NOTIFIER = '1';
  process.env.COREPACK_ENABLE_STRICT = '0';
  // Part of the install fingerprint: native addons built for one Node.js ABI are rebuilt for another. (Not part
  // of turbo's cache key: dist/ is plain JavaScript for node20, the same whichever Node.js built it.)
  process.env.OSC_PACKER_RUNTIME = `node-${process.versions.node}-abi${process.versions.modules}-${process.platform}-${process.arch}`;
}

function installedPnpmVersion() {
  const bin = join(toolsDir, 'bin', 'pnpm');
  if (!existsSync(bin)) return undefined;
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function ensurePnpm() {
  if (installedPnpmVersion() === pnpmVersion) return;
  console.log(`osc-packer setup: installing pnpm ${pnpmVersion} into ./.tools (nothing is installed globally)`);
  mustRun('npm', ['install', '--global', '--prefix', toolsDir, '--no-audit', '--no-fund', `pnpm@${pnpmVersion}`]);
}

function installFingerprint() {
  const hash = createHash('sha256');
  const files = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json'];
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (entry.isDirectory()) files.push(join('packages', entry.name, 'package.json'));
  }
  for (const file of files.sort()) {
    const path = join(root, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
  }
  hash.update(process.env.OSC_PACKER_RUNTIME);
  return hash.digest('hex');
}

function ensureDependencies() {
  const stampFile = join(root, 'node_modules', '.osc-packer-install');
  const fingerprint = installFingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) return;
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  const frozen = lockfileCommitted && process.env.OSC_PACKER_UNFROZEN !== '1';
  mustRun('pnpm', ['install', frozen ? '--frozen-lockfile' : '--no-frozen-lockfile']);
  // A different Node.js (ABI) with an unchanged lockfile: pnpm keeps the old native builds, so rebuild them.
  if (stamp !== '') mustRun('pnpm', ['rebuild', '--recursive']);
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, fingerprint);
}

// ssh2 silently falls back to pure-JavaScript crypto when its binding did not build. Say so; in CI, fail.
function checkSsh2Binding() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "process.stdout.write(String(require('ssh2/lib/protocol/crypto.js').bindingAvailable))"],
    { cwd: join(root, 'packages', 'builder-core'), encoding: 'utf8' },
  );
  const available = probe.stdout === 'true';
  if (available) return;
  const message = `ssh2's native crypto binding is not built for Node.js ${process.versions.node} (SSH will be much slower).`;
  if (process.env.OSC_PACKER_REQUIRE_SSH2_BINDING === '1') fail(message);
  console.warn(`osc-packer setup: warning: ${message}`);
}

function packageDirs() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name));
}

function testResultFile(dir) {
  return join(dir, '.test-results', 'vitest.json');
}

// One summary for the whole suite, from each package's vitest JSON report: counts per package, totals, every
// skipped test by name (a skipped test's title says why it skipped), and every failure with the first lines
// of its message (from scripts/vitest-failure-reporter.mjs), so the end of a CI log says what went wrong.
function printTestSummary() {
  const rows = [];
  const skipped = [];
  const failures = [];
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const dir of packageDirs()) {
    const file = testResultFile(dir);
    const name = `@osc-packer/${dir.split('/').pop()}`;
    if (!existsSync(file)) {
      rows.push(`  ${name.padEnd(32)} no test report (tests did not run)`);
      totals.failed += 1;
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const suite of report.testResults ?? []) {
      const tests = suite.assertionResults ?? [];
      // A file that failed with no failed test failed to load or in a hook: its tests did not run, they were
      // not skipped on purpose, so the file counts as one failure and its tests are not listed as skipped.
      const brokenFile = suite.status === 'failed' && !tests.some((test) => test.status === 'failed');
      if (brokenFile) counts.failed += 1;
      for (const test of tests) {
        if (test.status === 'passed') counts.passed += 1;
        else if (test.status === 'failed') counts.failed += 1;
        else if (!brokenFile) {
          counts.skipped += 1;
          skipped.push(`  ${name}: ${test.fullName}`);
        }
      }
    }
    const failureFile = join(dir, '.test-results', 'failures.json');
    if (existsSync(failureFile)) {
      for (const failure of JSON.parse(readFileSync(failureFile, 'utf8'))) {
        const message = failure.message.split('\n').join('\n      ');
        failures.push(`  ${name}: ${failure.where}\n      ${message}`);
      }
    }
    for (const key of Object.keys(totals)) totals[key] += counts[key];
    rows.push(`  ${name.padEnd(32)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
  console.log(`\nTest summary (Node.js ${process.versions.node})`);
  console.log(rows.join('\n'));
  if (skipped.length > 0) console.log(`Skipped tests:\n${skipped.join('\n')}`);
  if (failures.length > 0) console.log(`Failures:\n${failures.join('\n')}`);
  console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed === 0 && failures.length === 0;
}

function turbo(args) {
  return run('pnpm', ['exec', 'turbo', 'run', ...args]);
}

const tasks = {
  setup() {
    return 0;
  },
  build() {
    return turbo(['build']);
  },
  typecheck() {
    return turbo(['typecheck']);
  },
  lint() {
    const colors = process.stdout.isTTY ? [] : ['--colors=off'];
    return run('pnpm', ['exec', 'biome', 'ci', '--error-on-warnings', ...colors, '.']);
  },
  format() {
    return run('pnpm', ['exec', 'biome', 'check', '--write', '.']);
  },
  // `npm test -- --tests-only` skips the checks that do not depend on the Node.js that runs them (lint,
  // repository checks, typecheck): CI uses it for its second run, on Node.js 24.
  test(options) {
    checkSsh2Binding();
    const failures = [];
    const staticChecks = !options.includes('--tests-only');
    if (staticChecks && tasks.lint() !== 0) failures.push('lint');
    if (staticChecks && run('pnpm', ['exec', 'vitest', 'run', '--config', 'vitest.repo.config.ts']) !== 0)
      failures.push('repository checks');
    for (const dir of packageDirs()) rmSync(join(dir, '.test-results'), { recursive: true, force: true });
    const packageTasks = staticChecks ? ['build', 'typecheck', 'test'] : ['build', 'test'];
    if (turbo([...packageTasks, '--continue', '--concurrency=2']) !== 0) failures.push('package tasks');
    if (!printTestSummary()) failures.push('tests');
    if (failures.length > 0) {
      console.error(`\nnpm test: FAILED (${failures.join(', ')})`);
      return 1;
    }
    const ran = staticChecks ? 'lint, repository checks, build, typecheck, tests' : 'build, tests';
    console.log(`\nnpm test: every check passed (${ran}).`);
    return 0;
  },
  async quickstart() {
    if (turbo(['build', '--filter=@osc-packer/cli...']) !== 0) return 1;
    const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
    const template = join(root, 'examples', 'quickstart.json');
    console.log(`\nosc-packer quickstart: osc-packer build --local-cloud ${template}\n`);
    return runBuild(process.execPath, [cli, 'build', '--local-cloud', template]);
  },
};

// Runs the build in the foreground: Ctrl-C reaches it straight from the terminal (its process group), so this
// process only ignores SIGINT (npm forwards one more, which would otherwise count as a second Ctrl-C and
// force the build out before it cleaned up) and passes on a SIGTERM sent to it alone.
function runBuild(command, args) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    const ignore = () => {};
    const forward = () => child.kill('SIGTERM');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.on('error', (error) => fail(`could not run ${command}: ${error.message}`));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

const task = process.argv[2] ?? 'setup';
const taskOptions = process.argv.slice(3);
if (!(task in tasks)) fail(`unknown task '${task}'; known: ${Object.keys(tasks).join(', ')}`);
checkNodeVersion();
prepareEnvironment();
ensurePnpm();
ensureDependencies();
process.exitCode = await tasks[task](taskOptions);
