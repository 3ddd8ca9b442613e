import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signRequest } from '@osc-packer/osc-auth';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin.js');
const started: ChildProcess[] = [];
// A failed assertion must not leave a cloud running (and its files behind).
afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});
// Each cloud gets its own TMPDIR, so the store it creates is told apart from those of clouds that other tests
// run at the same time (turbo runs packages in parallel).
const cloudTmp = mkdtempSync(join(tmpdir(), 'lc-cli-tmp-'));
afterAll(() => rmSync(cloudTmp, { recursive: true, force: true }));
const storeDirs = () => new Set(readdirSync(cloudTmp).filter((name) => name.startsWith('osc-local-cloud-')));

/** Starts `osc-packer local-cloud start` and resolves with its exported variables once it printed them. */
function startCli(args: string[]): Promise<{ child: ChildProcess; env: Record<string, string>; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, 'local-cloud', 'start', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: cloudTmp },
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const env = Object.fromEntries([...stdout.matchAll(/^export (OSC_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      if (Object.keys(env).length === 4) resolve({ child, env: env as Record<string, string>, stderr: () => stderr });
    });
  });
}

async function call(env: Record<string, string>, operation: string, body: unknown) {
  const url = new URL(`${env.OSC_ENDPOINT_API}/${operation}`);
  const text = JSON.stringify(body);
  const headers = signRequest(
    { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: text },
    { accessKey: env.OSC_ACCESS_KEY ?? '', secretKey: env.OSC_SECRET_KEY ?? '', region: env.OSC_REGION ?? '' },
  );
  const response = await fetch(url, { method: 'POST', headers, body: text });
  return (await response.json()) as Record<string, unknown>;
}

describe('osc-packer local-cloud start', { timeout: 60_000 }, () => {
  it('prints export lines, serves the API with them, and on SIGINT stops its VMs and removes its files', async () => {
    const before = storeDirs();
    const faultsDir = mkdtempSync(join(tmpdir(), 'lc-cli-'));
    const faultsFile = join(faultsDir, 'faults.json');
    writeFileSync(
      faultsFile,
      JSON.stringify({ faults: [{ operation: 'ReadSubnets', action: 'server-error', status: 503 }] }),
    );
    const { child, env, stderr } = await startCli([
      '--timing',
      'instant',
      '--faults',
      faultsFile,
      '--fault',
      'operation=ReadNets,action=throttle',
    ]);
    expect(env.OSC_ENDPOINT_API).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(env.OSC_ACCESS_KEY).toMatch(/^[A-Z0-9]{20}$/);
    expect(env.OSC_SECRET_KEY).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(env.OSC_REGION).toBe('eu-west-2');
    const images = (await call(env, 'ReadImages', { Filters: { ImageNames: ['Debian-12-*'] } })).Images as {
      ImageId: string;
    }[];
    const vms = (await call(env, 'CreateVms', { ImageId: images[0]?.ImageId })).Vms as { VmId: string }[];
    await expect
      .poll(async () => ((await call(env, 'ReadVms', {})).Vms as { State: string }[])[0]?.State, { timeout: 30_000 })
      .toBe('running');
    expect((await call(env, 'ReadNets', {})).Errors).toEqual([expect.objectContaining({ Code: '25' })]);
    const subnets = await call(env, 'ReadSubnets', {});
    expect(subnets.Errors).toEqual([expect.objectContaining({ Type: 'InternalError' })]);
    rmSync(faultsDir, { recursive: true });
    const created = [...storeDirs()].filter((dir) => !before.has(dir));
    expect(created).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr()).toContain('local-cloud: stopped');
    expect(vms).toHaveLength(1);
    const storeDir = join(cloudTmp, created[0] ?? '');
    expect(existsSync(storeDir)).toBe(false);
    expect(readFileSync('/proc/self/mounts', 'utf8')).not.toContain(storeDir);
  }, 60_000);

  it('cleans up on SIGTERM even when nobody reads its output any more', async () => {
    const before = storeDirs();
    const { child } = await startCli(['--timing', 'instant']);
    const created = [...storeDirs()].filter((dir) => !before.has(dir));
    expect(created).toHaveLength(1);
    child.stdout?.destroy();
    child.stderr?.destroy();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(existsSync(join(cloudTmp, created[0] ?? ''))).toBe(false);
  }, 60_000);

  it('refuses a faults file that is not one, saying what is wrong', async () => {
    await expect(startCli(['--faults', '/nonexistent/faults.json'])).rejects.toThrow(
      /--faults \/nonexistent\/faults.json/,
    );
  });
});
