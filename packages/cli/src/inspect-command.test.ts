import { afterAll, describe, expect, it } from 'vitest';
import { oscPacker, tempFiles } from './cli-test-helpers';

const files = tempFiles({
  'web.json': {
    description: 'Debian web image',
    variables: { region: 'eu-west-2', secret_key: 'super-secret-default', omi_prefix: 'web', access_key: null },
    'sensitive-variables': ['secret_key'],
    builders: [
      { type: 'osc-bsu', omi_name: '{{user `omi_prefix`}}' },
      { type: 'outscale-bsu', name: 'eu' },
    ],
    provisioners: [
      { type: 'shell', inline: ['true'] },
      { type: 'file', source: 'a', destination: 'b' },
    ],
    'post-processors': ['manifest', [{ type: 'shell-local', name: 'notify', inline: ['x'] }, 'manifest']],
  },
  'empty.json': { builders: [] },
});
afterAll(files.cleanup);
const run = (...args: string[]) => oscPacker(args, { cwd: files.dir });

describe('osc-packer inspect (built binary)', { timeout: 30_000 }, () => {
  it("prints Packer's JSON-mode inspect output, hiding sensitive defaults", () => {
    const result = run('inspect', 'web.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'Packer Inspect: JSON mode',
        'Description:',
        '',
        'Debian web image',
        '',
        'Required variables:',
        '',
        '  access_key',
        '',
        'Optional variables and their defaults:',
        '',
        '  omi_prefix = web',
        '  region     = eu-west-2',
        '  secret_key = <sensitive>',
        '',
        'Builders:',
        '',
        '  eu      (outscale-bsu)',
        '  osc-bsu',
        '',
        'Provisioners:',
        '',
        '  shell',
        '  file',
        '',
        'Post-processors:',
        '',
        '  manifest',
        '  notify (shell-local) -> manifest',
        '',
        'Note: If your build names contain user variables or template',
        "functions such as 'timestamp', these are processed at build time,",
        'and therefore only show in their raw form here.',
        '',
      ].join('\n'),
    );
    expect(result.stdout).not.toContain('super-secret-default');
  });

  it('prints template-* records with -machine-readable', () => {
    const result = run('inspect', '-machine-readable', 'web.json');
    expect(result.status).toBe(0);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => line.replace(/^\d+,/, ''));
    expect(records).toEqual(
      expect.arrayContaining([
        ',ui,say,Packer Inspect: JSON mode',
        ',template-variable,access_key,,1',
        ',template-variable,region,eu-west-2,0',
        ',template-variable,secret_key,<sensitive>,0',
        ',template-builder,eu,outscale-bsu',
        ',template-builder,osc-bsu,osc-bsu',
        ',template-provisioner,shell',
        ',template-post-processor,notify (shell-local),manifest',
        ',ui,say,Builders:\\n',
      ]),
    );
    expect(result.stdout).not.toContain('super-secret-default');
  });

  it('shows empty sections as Packer does', () => {
    const result = run('inspect', 'empty.json');
    expect(result.stdout).toContain('Variables:\n\n  <No variables>\n\nBuilders:\n\n  <No builders>\n');
  });

  it('fails on a template that does not parse', () => {
    const broken = tempFiles({ 'bad.json': '{"builders": [' });
    const result = oscPacker(['inspect', 'bad.json'], { cwd: broken.dir });
    broken.cleanup();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Error parsing JSON: unexpected end of file where a value was expected');
  });
});
