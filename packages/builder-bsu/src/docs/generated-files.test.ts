import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bsuGeneratedFiles, repositoryRoot } from './generated-files';

describe('generated osc-bsu docs and editor schema', () => {
  const root = repositoryRoot();
  const files = bsuGeneratedFiles(root);

  it.each(Object.keys(files))(
    '%s is up to date (else run `pnpm --filter @osc-packer/builder-bsu run docs`)',
    (path) => {
      const committed = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '';
      expect(committed, `${path} is out of date: run \`pnpm --filter @osc-packer/builder-bsu run docs\``).toBe(
        files[path],
      );
    },
  );

  it('documents every key and the build data', () => {
    const markdown = files['docs/builders/osc-bsu.md'] ?? '';
    for (const key of [
      'vm_type',
      'omi_name',
      'launch_block_device_mappings[].iops',
      'run_volume_tags',
      'ssh_timeout',
    ]) {
      expect(markdown).toContain(`\`${key}\``);
    }
    expect(markdown).toContain('{{ .SourceOMIName }}');
    expect(markdown).toContain('`oapi_custom_endpoint`');
  });
});
