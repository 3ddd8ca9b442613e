// Writes the osc-bsu reference page and editor schema from the configuration schemas (`pnpm docs`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bsuGeneratedFiles, repositoryRoot } from '../src/docs/generated-files';

const root = repositoryRoot();
for (const [path, text] of Object.entries(bsuGeneratedFiles(root))) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
