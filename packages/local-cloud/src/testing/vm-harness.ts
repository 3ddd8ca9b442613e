import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ssh2';
import { newResourceId } from '../model/resource-id';
import type { RunningVm, VmLaunch, VolumeData } from '../runtime/vm-runtime';
import { generateEd25519Key } from '../ssh/ed25519-key';
import { retainNativeCiphers } from '../ssh/retain-native-ciphers';
import { createDataStore, type DataStoreOptions, type LocalDataStore } from '../storage/data-store';
import { createVmRuntime, type LocalVmRuntime, type VmRuntimeOptions } from '../vm/local-vm-runtime';

/**
 * `vi.waitFor` options for what a VM does in the background (a process starting, cloud-init's run, its exit
 * being noticed): these take milliseconds on a quiet machine but can take seconds on CI's loaded 2 cores, far
 * past vi.waitFor's default of 1 s.
 */
export const slowMachine = { timeout: 15_000, interval: 20 };

/** A client key pair in OpenSSH formats. */
export interface TestKey {
  privateKey: string;
  publicKey: string;
}

export function newTestKey(): TestKey {
  const pair = generateEd25519Key();
  return { privateKey: pair.private, publicKey: pair.public };
}

/** A random loopback address in 127.43/16, as the API side would hand out. */
export function randomLoopback(): string {
  return `127.43.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** A store and a runtime for tests, with helpers to boot VMs from the catalog image and reach them. */
export class VmHarness {
  readonly key = newTestKey();

  constructor(
    readonly store: LocalDataStore,
    readonly runtime: LocalVmRuntime,
  ) {}

  static create(storeOptions: DataStoreOptions = {}, runtimeOptions: Omit<VmRuntimeOptions, 'store'> = {}): VmHarness {
    const store = createDataStore(storeOptions);
    return new VmHarness(store, createVmRuntime({ store, ...runtimeOptions }));
  }

  /** A new root volume from the catalog's Debian 12 snapshot. */
  async catalogVolume(): Promise<VolumeData> {
    return this.store.createVolumeFromSnapshot(
      newResourceId('volume'),
      await this.store.catalogSnapshot('debian-12'),
      10,
    );
  }

  /** Boots a VM (by default from a new catalog volume) accepting `this.key`. */
  async boot(overrides: Partial<VmLaunch> = {}): Promise<RunningVm> {
    const vmId = overrides.vmId ?? newResourceId('vm');
    return this.runtime.start({
      vmId,
      hostname: `ip-10-0-${randomInt(0, 255)}-${randomInt(1, 255)}`,
      privateIp: '10.0.0.10',
      publicIp: randomLoopback(),
      root: { deviceName: '/dev/sda1', volume: overrides.root?.volume ?? (await this.catalogVolume()) },
      extraDisks: [],
      authorizedKeys: [this.key.publicKey],
      ...overrides,
    });
  }

  /** An authenticated ssh2 client connection to `vm` as `outscale`. */
  connect(vm: RunningVm, key: TestKey = this.key): Promise<Client> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      client.once('ready', () => resolve(client));
      client.once('error', reject);
      client.connect({
        host: vm.ssh.host,
        port: vm.ssh.port,
        username: 'outscale',
        privateKey: key.privateKey,
        readyTimeout: 10_000,
      });
      // The client's side runs in the test process too (see retain-native-ciphers.ts).
      retainNativeCiphers(client);
    });
  }

  async close(): Promise<void> {
    await this.runtime.close();
    await this.store.close();
  }
}

/** What a command run over SSH produced. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
}

/** Runs `command` over `client` and collects its output and exit. */
export function exec(
  client: Client,
  command: string,
  options: { stdin?: string | Buffer; pty?: boolean; env?: Record<string, string> } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(
      command,
      { pty: options.pty ? { rows: 40, cols: 120, term: 'xterm' } : undefined, env: options.env },
      (error, channel) => {
        if (error) return reject(error);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let code: number | null = null;
        let signal: string | null = null;
        channel.on('data', (chunk: Buffer) => out.push(chunk));
        channel.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        channel.on('exit', (c: number | null, s?: string) => {
          code = c;
          signal = s ?? null;
        });
        channel.on('close', () =>
          resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code, signal }),
        );
        channel.end(options.stdin);
      },
    );
  });
}

/** Random bytes of `size`. */
export function randomContent(size: number): Buffer {
  return randomBytes(size);
}

/** Writes `key` as an OpenSSH identity file (mode 0600) in `dir` and returns its path. */
export function writeIdentity(dir: string, key: TestKey): string {
  const path = join(dir, 'id_ed25519');
  writeFileSync(path, key.privateKey, { mode: 0o600 });
  return path;
}

/** Options that make OpenSSH clients talk to a throwaway VM non-interactively. */
export function opensshOptions(identity: string): string[] {
  return [
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'LogLevel=ERROR',
    '-i',
    identity,
  ];
}

/** Runs a host program to completion (an OpenSSH client) and returns its status and output. */
export function runClient(file: string, args: readonly string[], input?: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code, signal }),
    );
    child.stdin.end(input);
  });
}

/** True when a program is on this machine's PATH. */
export function hasProgram(name: string): boolean {
  return (process.env.PATH ?? '/usr/bin:/bin').split(':').some((dir) => existsSync(join(dir, name)));
}
