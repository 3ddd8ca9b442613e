import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newResourceId } from '../model/resource-id';
import type { RunningVm, VolumeData } from '../runtime/vm-runtime';
import { must } from '../testing/typed-call';
import { exec, slowMachine, VmHarness } from '../testing/vm-harness';
import { loopDevicesOf } from './loop-device';

// Real VMs on a shared 2-core machine: boots take a fraction of a second, but leave room under load.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const isRoot = process.getuid?.() === 0;

describe('data that persists like on the real cloud', () => {
  let h: VmHarness;
  beforeAll(() => {
    h = VmHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function run(vm: RunningVm, command: string): Promise<string> {
    const client = await h.connect(vm);
    try {
      const result = await exec(client, command);
      if (result.code !== 0) throw new Error(`${command} failed: ${result.stderr}`);
      return result.stdout;
    } finally {
      client.end();
    }
  }

  async function bootFrom(volume: VolumeData): Promise<RunningVm> {
    return h.boot({ root: { deviceName: '/dev/sda1', volume } });
  }

  it('carries what a VM wrote into its snapshot, volumes made from it, and VMs booted from them', async () => {
    const volumeA = await h.catalogVolume();
    const a = await bootFrom(volumeA);
    await run(
      a,
      [
        'echo from-a > ~/note.txt',
        'echo "#!/bin/sh" | sudo tee /usr/local/bin/tool > /dev/null && sudo chmod +x /usr/local/bin/tool',
        'sudo rm /etc/hostname',
        'sudo mkdir /data && echo top | sudo tee /data/x > /dev/null',
        isRoot ? 'echo deep | sudo tee /usr/share/local-cloud-test > /dev/null' : 'true',
      ].join(' && '),
    );
    await a.stop();
    const s1 = await h.store.snapshotVolume(newResourceId('snapshot'), volumeA);

    const volumeB = await h.store.createVolumeFromSnapshot(newResourceId('volume'), s1, 20);
    const b = await bootFrom(volumeB);
    const seen = await run(
      b,
      'cat ~/note.txt /data/x; test -x /usr/local/bin/tool && echo tool; test -e /etc/hostname || echo no-hostname',
    );
    expect(seen).toBe('from-a\ntop\ntool\nno-hostname\n');
    if (isRoot) expect(await run(b, 'cat /usr/share/local-cloud-test; stat -c %U ~/note.txt')).toBe('deep\noutscale\n');
    await run(b, 'echo from-b >> ~/note.txt');
    await b.stop();

    const s2 = await h.store.snapshotVolume(newResourceId('snapshot'), volumeB);
    const c = await bootFrom(await h.store.createVolumeFromSnapshot(newResourceId('volume'), s2, 20));
    expect(await run(c, 'cat ~/note.txt')).toBe('from-a\nfrom-b\n');
    await c.stop();

    // A snapshot is frozen: B's later writes are not in s1, and s1 outlives its deletion in the volumes made from it.
    const fromS1 = await h.store.createVolumeFromSnapshot(newResourceId('volume'), s1, 10);
    await h.store.deleteSnapshot(s1);
    const d = await bootFrom(fromS1);
    expect(await run(d, 'cat ~/note.txt')).toBe('from-a\n');
    await d.stop();

    const fresh = await h.boot();
    expect(await run(fresh, 'test -e ~/note.txt || echo pristine; cat /etc/hostname')).toBe('pristine\ndebian\n');
    await fresh.stop();
  });

  it('removes a layer once no snapshot or volume stands on it', async () => {
    const layersDir = join(h.store.dir, 'layers');
    const before = readdirSync(layersDir).length;
    const volume = await h.catalogVolume();
    const vm = await bootFrom(volume);
    await run(vm, 'echo x > ~/x');
    await vm.stop();
    const snapshot = await h.store.snapshotVolume(newResourceId('snapshot'), volume);
    const copy = await h.store.createVolumeFromSnapshot(newResourceId('volume'), snapshot, 10);
    expect(readdirSync(layersDir).length).toBe(before + 1);
    await h.store.deleteSnapshot(snapshot);
    expect(readdirSync(layersDir).length).toBe(before + 1);
    await h.store.deleteVolume(copy);
    await h.store.deleteVolume(volume);
    expect(readdirSync(layersDir).length).toBe(before);
  });

  it('keeps extra disks and their snapshots apart from the root volume', async () => {
    const disk = await h.store.createEmptyVolume(newResourceId('volume'), 1);
    const vm = await h.boot({ extraDisks: [{ deviceName: '/dev/sdb', volume: disk }] });
    await run(vm, 'echo raw-bytes | sudo dd of=/dev/sdb bs=512 seek=2048 conv=notrunc status=none');
    await expect(h.store.deleteVolume(disk)).rejects.toThrow(/in use/);
    await vm.stop();
    const snapshot = await h.store.snapshotVolume(newResourceId('snapshot'), disk);
    const copy = await h.store.createVolumeFromSnapshot(newResourceId('volume'), snapshot, 2);
    const other = await h.boot({ extraDisks: [{ deviceName: '/dev/xvdc', volume: copy }] });
    const read = await run(
      other,
      'sudo dd if=/dev/xvdc bs=512 skip=2048 count=1 status=none | head -c 9; echo; test -e /dev/sdb || echo only-xvdc',
    );
    expect(read).toBe('raw-bytes\nonly-xvdc\n');
    await other.stop();
  });

  it.skipIf(!isRoot)('shows extra disks as block devices a VM can format and mount (needs root)', async () => {
    const disk = await h.store.createEmptyVolume(newResourceId('volume'), 1);
    const vm = await h.boot({ extraDisks: [{ deviceName: '/dev/sdb', volume: disk }] });
    const file = join(h.store.dir, 'volumes', disk.id, 'disk.raw');
    expect(await loopDevicesOf(file)).toHaveLength(1);
    const script = [
      'test -b /dev/sdb && echo block',
      'sudo mkfs.ext4 -q /dev/sdb',
      'sudo mount /dev/sdb /mnt',
      'echo on-ext4 | sudo tee /mnt/file > /dev/null',
      'sudo umount /mnt',
    ].join(' && ');
    expect(await run(vm, script)).toBe('block\n');
    await vm.stop();
    expect(await loopDevicesOf(file)).toEqual([]);
    const snapshot = await h.store.snapshotVolume(newResourceId('snapshot'), disk);
    const copy = await h.store.createVolumeFromSnapshot(newResourceId('volume'), snapshot, 1);
    const second = await h.boot({ extraDisks: [{ deviceName: '/dev/sdf', volume: copy }] });
    expect(await run(second, 'sudo mount /dev/sdf /mnt && cat /mnt/file && sudo umount /mnt')).toBe('on-ext4\n');
    await second.stop();
  });

  it('runs a user-data script once per instance, as cloud-init does, and installs the launch keys', async () => {
    const script = '#!/bin/sh\necho "ran as $(id -un)" >> /var/tmp/user-data.log\necho "to the console"\n';
    const userData = new TextEncoder().encode(script);
    const volume = await h.catalogVolume();
    const vmId = newResourceId('vm');
    const ranLines = async (vm: RunningVm, lines: number) => {
      let log = '';
      await vi.waitFor(async () => {
        log = await run(vm, 'cat /var/tmp/user-data.log 2>/dev/null || true');
        expect(log.split('\n').filter(Boolean)).toHaveLength(lines);
      }, slowMachine);
      return log;
    };
    const first = await h.boot({ vmId, root: { deviceName: '/dev/sda1', volume }, userData });
    expect(await ranLines(first, 1)).toBe('ran as root\n');
    expect(await run(first, 'cat ~/.ssh/authorized_keys')).toBe(`${h.key.publicKey.trim()}\n`);
    // Its output is on the console (ReadConsoleOutput) and in cloud-init's log, as on Outscale. The script
    // runs in the background, so getty's login prompt may come between its output and cloud-init's last line,
    // as it often does on a real console.
    await vi.waitFor(
      () => expect(first.consoleOutput?.()).toMatch(/to the console\n[\s\S]*Cloud-init v\. \S+ finished at /),
      slowMachine,
    );
    const shown = must(first.consoleOutput?.());
    expect(shown).toMatch(/^\[ +0\.\d{6}\] Linux version /);
    expect(shown).toMatch(/Cloud-init v\. \S+ running 'modules:final' at .*\n[\s\S]*login: /);
    expect(await run(first, 'cat /var/log/cloud-init-output.log')).toBe('to the console\n');
    await first.stop();
    const again = await h.boot({ vmId, root: { deviceName: '/dev/sda1', volume }, userData });
    await ranLines(again, 1);
    expect(await run(again, 'wc -l < ~/.ssh/authorized_keys')).toBe('1\n');
    await again.stop();
    const image = await h.store.snapshotVolume(newResourceId('snapshot'), volume);
    const copy = await h.store.createVolumeFromSnapshot(newResourceId('volume'), image, 10);
    const other = await h.boot({ root: { deviceName: '/dev/sda1', volume: copy }, userData });
    await ranLines(other, 2);
    await other.stop();
  });

  it('lets a user-data script reboot the VM: the boot completes, then ends as a reboot', async () => {
    const userData = new TextEncoder().encode('#!/bin/sh\nreboot\n');
    const vm = await h.boot({ userData });
    expect(await vm.exited).toEqual({ reason: 'reboot', detail: expect.stringContaining('rebooted itself') });
  });
});
