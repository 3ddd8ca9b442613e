import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import manifest from '../package.json' with { type: 'json' };

// Runs the built binary, as a user would (turbo builds the package before its tests).
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
function oscPacker(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
}

// Each case starts the binary (a Node.js process); allow for a loaded machine.
describe('osc-packer binary', { timeout: 30_000 }, () => {
  it('prints its version with --version and with the version command', () => {
    expect(oscPacker('--version')).toMatchObject({ status: 0, stdout: `${manifest.version}\n` });
    expect(oscPacker('version')).toMatchObject({ status: 0, stdout: `osc-packer v${manifest.version}\n` });
  });

  it('lists every command in --help', () => {
    const result = oscPacker('--help');
    expect(result.status).toBe(0);
    for (const command of ['build', 'validate', 'inspect', 'local-cloud', 'cleanup', 'version']) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+osc-packer ${command}\\b`, 'm'));
    }
  });

  it('fails with usage help for an unknown command', () => {
    const result = oscPacker('frobnicate');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Unknown argument: frobnicate');
  });
});
