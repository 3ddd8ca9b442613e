import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningVm } from '../runtime/vm-runtime';
import { createDataStore } from '../storage/data-store';
import { exec, slowMachine, VmHarness } from '../testing/vm-harness';
import { defaultIsolationProbe } from './isolation-probe';
import { IsolationUnavailableError } from './isolation-unavailable-error';
import { createVmRuntime } from './local-vm-runtime';

// Real VMs on a shared 2-core machine: boots take a fraction of a second, but leave room under load.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const isRoot = process.getuid?.() === 0;

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Host pids whose command line contains `marker`. */
function hostProcessesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('VM isolation from the host', () => {
  let h: VmHarness;
  let vm: RunningVm;
  let client: Client;
  beforeAll(async () => {
    h = VmHarness.create();
    vm = await h.boot();
    client = await h.connect(vm);
  });
  afterAll(async () => {
    client?.end();
    await h?.close();
  });

  it('shows the VM its own root: no host files outside the userland, no host processes', async () => {
    const result = await exec(
      client,
      `ls / ; ls -A /root /home; sudo ls -A /root; ps -e -o comm= | sort -u | tr '\\n' ' '`,
    );
    const top = result.stdout.split('\n');
    expect(top).not.toContain('work');
    expect(result.stdout).not.toContain(h.store.dir);
    expect(result.stdout).toContain('outscale');
    expect(result.stdout).not.toMatch(/node|vitest|init .*local-cloud/);
    expect(existsSync('/work') ? (await exec(client, 'ls /work')).code : 2).not.toBe(0);
    expect((await exec(client, `ls ${h.store.dir}`)).code).not.toBe(0);
    expect((await exec(client, 'ps -o args= -p 1')).stdout).toBe('init\n');
  });

  it('keeps the host secrets away from the VM, even from its root', async () => {
    const shadow = await exec(client, 'sudo cat /etc/shadow /etc/gshadow; sudo ls /etc/ssh');
    expect(shadow.stdout).toMatch(/^outscale:!:/m);
    expect(shadow.stdout).not.toMatch(/ssh_host_.*_key/);
    if (isRoot) {
      // Compare without printing anything of the host's file.
      const hostLines = readFileSync('/etc/shadow', 'utf8')
        .split('\n')
        .filter((line) => /^[^:]+:[^*!:]/.test(line));
      const leaked = hostLines.filter((line) => shadow.stdout.includes(line));
      expect(leaked.length).toBe(0);
    }
  });

  it("lets the VM's root change its own /usr, never the host's", async () => {
    const name = `lc-isolation-${randomInt(1e9)}`;
    const result = await exec(client, `sudo touch /usr/bin/${name} /usr/local/bin/${name}; ls /usr/local/bin/${name}`);
    expect(result.stdout).toBe(`/usr/local/bin/${name}\n`);
    expect(existsSync(`/usr/bin/${name}`)).toBe(false);
    expect(existsSync(`/usr/local/bin/${name}`)).toBe(false);
    expect((await exec(client, 'ln -s / /tmp/host; ls /tmp/host/work 2>&1')).code).not.toBe(0);
  });

  it.skipIf(!isRoot)("bounds the VM root's capabilities: no device nodes, no module loading (as root)", async () => {
    const result = await exec(client, 'sudo mknod /tmp/disk b 8 0 2>&1; sudo grep CapBnd /proc/self/status');
    expect(result.stdout).toMatch(/Operation not permitted/);
    const bounding = BigInt(`0x${/CapBnd:\s*([0-9a-f]+)/.exec(result.stdout)?.[1] ?? '0'}`);
    const capMknod = 27n;
    const capSysModule = 16n;
    const capSysAdmin = 21n;
    expect((bounding >> capMknod) & 1n).toBe(0n);
    expect((bounding >> capSysModule) & 1n).toBe(0n);
    expect((bounding >> capSysAdmin) & 1n).toBe(1n);
  });

  it('takes every process of the VM down when it stops', async () => {
    const other = await h.boot();
    const marker = `${randomInt(100, 999)}.${randomInt(1e6)}`;
    const c = await h.connect(other);
    await exec(
      c,
      `setsid nohup sleep ${marker} > /dev/null 2>&1 < /dev/null & sudo setsid sleep ${marker} > /dev/null 2>&1 < /dev/null &`,
    );
    c.end();
    // Exactly the two sleeps (setsid and env exec into them; their earlier command lines differ).
    const sleeps = () =>
      hostProcessesWith(`sleep\0${marker}\0`).filter((pid) => commandLine(pid) === `sleep\0${marker}\0`);
    await vi.waitFor(() => expect(sleeps()).toHaveLength(2), slowMachine);
    await other.stop();
    expect(sleeps()).toEqual([]);
  });
});

describe('refusal where VMs cannot be isolated', () => {
  it('rejects start with what is missing and how to enable it, running nothing', async () => {
    const store = createDataStore();
    const runtime = createVmRuntime({
      store,
      probe: async () => ({
        ok: false,
        missing: 'unprivileged user namespaces (unshare failed)',
        howToEnable: 'sysctl -w kernel.unprivileged_userns_clone=1, or run local-cloud as root',
      }),
    });
    const volume = await store.createVolumeFromSnapshot('vol-00000001', await store.catalogSnapshot('debian-12'), 10);
    const launch = {
      vmId: 'i-0000abcd',
      hostname: 'ip-10-0-0-9',
      privateIp: '10.0.0.9',
      publicIp: '127.43.250.9',
      root: { deviceName: '/dev/sda1', volume },
      extraDisks: [],
      authorizedKeys: [],
    };
    const error = await runtime.start(launch).catch((e: unknown) => e);
    expect(IsolationUnavailableError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toBe(
      'local-cloud cannot start i-0000abcd: VM commands must run isolated from the host, but unprivileged user namespaces (unshare failed) is not available here. To fix: sysctl -w kernel.unprivileged_userns_clone=1, or run local-cloud as root.',
    );
    expect(hostProcessesWith(store.dir)).toEqual([]);
    await store.close();
  });

  it('says Linux is needed on other systems, and finds isolation on this machine', async () => {
    const store = createDataStore();
    const elsewhere = await defaultIsolationProbe({ privileged: isRoot, workDir: store.dir, platform: 'darwin' })();
    expect(elsewhere).toMatchObject({ ok: false, missing: expect.stringContaining('this system is darwin') });
    const here = await defaultIsolationProbe({ privileged: isRoot, workDir: store.dir })();
    expect(here).toEqual({ ok: true, mode: isRoot ? 'root' : 'user-namespace' });
    await store.close();
  });
});
