import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayering, importedSpecifiers } from './check-layering';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, '..', '..');

describe('layering', () => {
  it('holds for this repository', () => {
    expect(checkLayering(repositoryRoot)).toEqual([]);
  });

  it('catches wrong dependencies, wrong and deep imports, and relative reaches in a fixture', () => {
    const violations = checkLayering(join(here, '__fixtures__', 'bad-layering')).filter(
      (v) => !v.problem.endsWith('is missing'),
    );
    expect(violations).toEqual([
      {
        file: 'packages/builder-core/src/steps/runner.ts',
        problem: 'reaches outside its package with ../../../osc-auth/src/index',
      },
      {
        file: 'packages/builder-core/src/steps/runner.ts',
        problem: 'imports @osc-packer/builder-bsu, which builder-core may not use',
      },
      {
        file: 'packages/oapi-client/src/index.ts',
        problem:
          'deep-imports @osc-packer/osc-auth/src/signing/sign-request; import @osc-packer/osc-auth through its exports',
      },
      {
        file: 'packages/osc-auth/package.json',
        problem: 'dependencies lists @osc-packer/cli, which osc-auth may not use',
      },
      { file: 'packages/osc-auth/src/index.ts', problem: 'imports @osc-packer/cli, which osc-auth may not use' },
    ]);
  });

  it('reads static, dynamic, re-export and require specifiers', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "export { c } from 'c';",
      "const d = await import('d');",
      "const e = require('e');",
      "import 'f';",
    ].join('\n');
    expect(importedSpecifiers(source)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
