import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<repo root>/../shared/compat/json-templates`, where the real-world templates are (absent outside the workspace). */
export const compatTemplatesDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'compat',
  'json-templates',
);

/** True when the shared compat templates are there to test against. */
export const hasCompatTemplates = existsSync(join(compatTemplatesDir, 'INDEX.md'));
