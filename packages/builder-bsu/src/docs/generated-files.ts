import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bsuDocsMarkdown, bsuJsonSchema } from './bsu-docs';

/** The repository root: the nearest directory above this file with a pnpm-workspace.yaml. */
export function repositoryRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** Formats text as the repository's Biome configuration does (so the generated files pass `lint`). */
function formatWithBiome(text: string, relativePath: string, root: string): string {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const result = spawnSync(biome, ['format', `--stdin-file-path=${relativePath}`], {
    cwd: root,
    input: text,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format ${relativePath} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** The generated files of osc-bsu, by path from the repository root, formatted. */
export function bsuGeneratedFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {
    'docs/builders/osc-bsu.md': bsuDocsMarkdown(),
    'schemas/osc-bsu.schema.json': `${JSON.stringify(bsuJsonSchema(), null, 2)}\n`,
  };
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [path, formatWithBiome(text, path, root)]));
}
