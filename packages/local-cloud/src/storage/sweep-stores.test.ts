import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../runtime/run-command';
import { createDataStore } from './data-store';
import { currentOwner, isOwnerGone, ownerMarkerName, readOwnerMarker } from './store-owner';

const dist = resolve(import.meta.dirname, '../../dist/index.js');
const isRoot = process.getuid?.() === 0;
const work = mkdtempSync(join(tmpdir(), 'lc-sweep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A local-cloud machine side with one running VM (and, as root, a loop device for its extra disk), in a
// process of its own that the test kills with SIGKILL.
const scenario = `
import { pathToFileURL } from 'node:url';
const [dist, parentDir] = process.argv.slice(2);
const { createDataStore, createVmRuntime } = await import(pathToFileURL(dist).href);
const store = createDataStore({ parentDir });
const runtime = createVmRuntime({ store });
const root = await store.createVolumeFromSnapshot('vol-0000001a', await store.catalogSnapshot('debian-12'), 10);
const disk = await store.createEmptyVolume('vol-0000001b', 1);
const vm = await runtime.start({ vmId: 'i-0000001a', hostname: 'swept', privateIp: '10.0.0.9',
  publicIp: '127.45.0.9', root: { deviceName: '/dev/sda1', volume: root },
  extraDisks: [{ deviceName: '/dev/sdb', volume: disk }], authorizedKeys: [] });
console.log(JSON.stringify({ dir: store.dir, ssh: vm.ssh }));
setInterval(() => {}, 1000);
`;

async function loopBackingFiles(): Promise<string> {
  return isRoot ? (await runCommand('losetup', ['--list', '--noheadings', '--output', 'BACK-FILE'])).stdout : '';
}

describe('stores left by a killed local-cloud', () => {
  it('tells a live owner from a gone one (pid reused, machine rebooted), and leaves others alone', () => {
    const me = currentOwner(new Date());
    expect(isOwnerGone(me)).toBe(false);
    expect(isOwnerGone({ ...me, startTicks: me.startTicks + 1 })).toBe(true);
    expect(isOwnerGone({ ...me, bootId: 'another-boot' })).toBe(true);
    expect(isOwnerGone({ ...me, pidNamespace: 'pid:[1]', startTicks: -1 })).toBe(false);
    expect(isOwnerGone({ ...me, host: `not-${me.host}`, bootId: 'another-boot' })).toBe(false);
  });

  it(`are removed by the next store made beside them${isRoot ? ', with their loop devices' : ''}; others stay`, async () => {
    expect(existsSync(dist), `${dist} is missing: build the package first (turbo runs build before test)`).toBe(true);
    const parentDir = mkdtempSync(join(work, 'parent-'));
    const foreign = mkdtempSync(join(parentDir, 'osc-local-cloud-not-ours-'));
    writeFileSync(join(foreign, 'data'), 'no marker: left alone');
    writeFileSync(join(work, 'scenario.mjs'), scenario);
    const child = spawn(process.execPath, [join(work, 'scenario.mjs'), dist, parentDir], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const started = await new Promise<{ dir: string }>((done, fail) => {
      child.stdout.once('data', (chunk: Buffer) => done(JSON.parse(chunk.toString())));
      child.once('exit', () => fail(new Error(`the scenario exited: ${stderr}`)));
    });
    expect(readOwnerMarker(started.dir)?.pid).toBe(child.pid);
    if (isRoot) expect(await loopBackingFiles()).toContain(started.dir);
    const killed = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await killed;
    expect(existsSync(join(started.dir, ownerMarkerName))).toBe(true);

    const logged: string[] = [];
    const store = createDataStore({ parentDir, logger: { info: (m) => logged.push(m), warn: (m) => logged.push(m) } });
    try {
      const removed = await store.swept;
      expect(removed).toEqual([expect.stringContaining(`removed ${started.dir}, the store of local-cloud process`)]);
      expect(logged).toEqual(removed);
      expect(existsSync(started.dir)).toBe(false);
      expect(await loopBackingFiles()).not.toContain(started.dir);
      expect(readFileSync('/proc/self/mounts', 'utf8')).not.toContain(started.dir);
      expect(existsSync(store.dir)).toBe(true);
    } finally {
      await store.close();
    }
    expect(existsSync(store.dir)).toBe(false);
    const again = createDataStore({ parentDir });
    expect(await again.swept).toEqual([]);
    await again.close();
    expect(existsSync(join(foreign, 'data'))).toBe(true);
  }, 60_000);
});
