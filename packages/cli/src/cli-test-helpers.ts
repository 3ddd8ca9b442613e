import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The built binary (turbo builds the package before its tests). */
export const oscPackerBin = join(here, '..', 'dist', 'bin.js');

/** `<repo root>/../shared/compat/json-templates`, absent outside the workspace. */
export const compatDir = join(here, '..', '..', '..', '..', 'shared', 'compat', 'json-templates');
export const hasCompat = existsSync(join(compatDir, 'INDEX.md'));

/** Runs the built binary as a user would, in `cwd`, with only the given environment. */
export function oscPacker(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { PATH: process.env.PATH ?? '', ...options.env };
  return spawnSync(process.execPath, [oscPackerBin, ...args], { encoding: 'utf8', cwd: options.cwd, env });
}

/** A temporary directory with the given files (objects are written as JSON); `cleanup` removes it. */
export function tempFiles(files: Record<string, string | object>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'osc-packer-cli-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
