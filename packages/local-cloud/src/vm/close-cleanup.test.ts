import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { newResourceId } from '../model/resource-id';
import { runCommand } from '../runtime/run-command';
import { exec, slowMachine, VmHarness } from '../testing/vm-harness';

// Real VMs on a shared 2-core machine: boots take a fraction of a second, but leave room under load.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

/** Host pids whose command line mentions `text` (VM inits and their setup carry the store's path). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function refusesConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('close', () => {
  it('stops every VM and leaves no process, mount, loop device or file behind', async () => {
    const h = VmHarness.create();
    onTestFinished(() => h.close());
    const disk = await h.store.createEmptyVolume(newResourceId('volume'), 1);
    const vms = [await h.boot({ extraDisks: [{ deviceName: '/dev/sdb', volume: disk }] }), await h.boot()];
    const clients = await Promise.all(vms.map((vm) => h.connect(vm)));
    const marker = `600.${randomInt(1e6)}`;
    for (const client of clients) await exec(client, `setsid sleep ${marker} > /dev/null 2>&1 < /dev/null &`);
    const inVmSleep = new Promise<void>((resolve) => {
      clients[0]?.on('close', () => resolve());
      clients[0]?.exec('sleep 600', (_error, channel) => channel?.on('close', () => resolve()));
    });
    expect(processesMentioning(h.store.dir).length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(processesMentioning(`sleep\0${marker}`)).toHaveLength(2), slowMachine);

    await h.runtime.close();
    await inVmSleep;
    await h.store.close();

    expect(existsSync(h.store.dir)).toBe(false);
    expect(processesMentioning(h.store.dir)).toEqual([]);
    expect(processesMentioning(`sleep\0${marker}`)).toEqual([]);
    expect(readFileSync('/proc/mounts', 'utf8')).not.toContain(h.store.dir);
    if (process.getuid?.() === 0) {
      const { stdout } = await runCommand('losetup', ['--list', '--noheadings', '--output', 'BACK-FILE']);
      expect(stdout).not.toContain(h.store.dir);
    }
    for (const vm of vms) expect(await refusesConnections(vm.ssh.host, vm.ssh.port)).toBe(true);
    await expect(h.boot()).rejects.toThrow(/closed/);
  });

  it('closing the store alone stops the runtimes using it first', async () => {
    const h = VmHarness.create();
    onTestFinished(() => h.close());
    const vm = await h.boot();
    await h.store.close();
    expect(await refusesConnections(vm.ssh.host, vm.ssh.port)).toBe(true);
    expect(processesMentioning(h.store.dir)).toEqual([]);
    expect(existsSync(h.store.dir)).toBe(false);
  });

  it('a VM whose init is killed from outside stops serving SSH and releases its disks', async () => {
    const h = VmHarness.create();
    onTestFinished(() => h.close());
    const disk = await h.store.createEmptyVolume(newResourceId('volume'), 1);
    const vm = await h.boot({ extraDisks: [{ deviceName: '/dev/sdb', volume: disk }] });
    const unshare = processesMentioning(h.store.dir).find(
      (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'unshare',
    );
    const init = Number(readFileSync(`/proc/${unshare}/task/${unshare}/children`, 'utf8').trim());
    expect(readFileSync(`/proc/${init}/cmdline`, 'utf8')).toBe('init\0');
    process.kill(init, 'SIGKILL');
    await vi.waitFor(
      () => refusesConnections(vm.ssh.host, vm.ssh.port).then((refused) => expect(refused).toBe(true)),
      slowMachine,
    );
    await vi.waitFor(() => h.store.deleteVolume(disk), slowMachine);
  });
});
