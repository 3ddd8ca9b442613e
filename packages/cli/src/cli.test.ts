import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it("prints Packer's version records with version -machine-readable (tools check versions that way)", () => {
    const result = oscPacker('version', '-machine-readable');
    expect(result.status, result.stderr).toBe(0);
    const records = result.stdout.split('\n').map((line) => line.replace(/^\d+,/, ''));
    expect(records).toEqual([
      `,version,${manifest.version}`,
      ',version-prerelease,',
      ',version-commit,',
      `,ui,say,osc-packer v${manifest.version}`,
      '',
    ]);
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

  it('stops at a bad flag or a missing argument, with usage and exit 1, running nothing', () => {
    const missing = oscPacker('build');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      "Error: Not enough non-option arguments: got 0, need at least 1\n\nRun 'osc-packer --help' for usage.\n",
    );
    const flag = oscPacker('build', '-on-error=retry', '-parallel-builds=2', 'template.json');
    expect(flag.status).toBe(1);
    expect(flag.stderr).toBe(
      "Error: -on-error must be one of cleanup, abort, ask, run-cleanup-provisioner (got 'retry')\n\nRun 'osc-packer --help' for usage.\n",
    );
  });

  it('starts without loading the builders, local-cloud or the API client (a fast --help)', () => {
    // Handlers are imported lazily; a bundle that inlines them would load every package before printing help.
    const staticImports = (file: string): string[] =>
      [...readFileSync(join(dirname(bin), file), 'utf8').matchAll(/^(?:import|\})[^'"\n(]*"([^"]+)";$/gm)].map(
        (match) => match[1] ?? '',
      );
    const seen = new Set<string>();
    const loaded: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of staticImports(file)) {
        if (specifier.startsWith('./')) visit(specifier.slice(2));
        else loaded.push(specifier);
      }
    };
    visit('bin.js');
    expect(loaded.filter((specifier) => specifier.startsWith('@osc-packer/'))).toEqual([]);
    expect(loaded).toContain('yargs');
  });
});
