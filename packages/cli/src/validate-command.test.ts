import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compatDir, hasCompat, oscPacker, tempFiles } from './cli-test-helpers';

const files = tempFiles({
  'ok.json': {
    variables: { region: 'eu-west-2', secret: '{{env `MY_SECRET`}}' },
    'sensitive-variables': ['secret'],
    builders: [{ type: 'osc-bsu', omi_name: 'web-{{timestamp}}' }],
  },
  'required.json': { variables: { region: null, size: null }, builders: [{ type: 'osc-bsu' }] },
  'broken.json': '{\n  "builders": [\n    {"type": "osc-bsu",}\n  ]\n}\n',
  'structure.json': {
    buidlers: [],
    builders: [{ type: 'osc-bsu' }, { name: 'x' }],
    provisioners: [{ type: 'shell', only: ['nope'] }],
  },
  'vars.json': { region: 'eu-west-2' },
  'chroot.json': { builders: [{ type: 'outscale-chroot', omi_name: 'web' }] },
  'duplicate.json': '{\n  "builders": [{"type": "osc-bsu", "omi_name": "a",\n    "omi_name": "b"}]\n}\n',
});
afterAll(files.cleanup);
const run = (...args: string[]) => oscPacker(args, { cwd: files.dir, env: { MY_SECRET: 'hunter2-value' } });

// Each case starts the binary (a Node.js process); allow for a loaded machine.
describe('osc-packer validate (built binary)', { timeout: 30_000 }, () => {
  it('passes -syntax-only on a template that parses (also spelled --syntax-only)', () => {
    for (const flag of ['-syntax-only', '--syntax-only']) {
      expect(run('validate', flag, 'required.json')).toMatchObject({
        status: 0,
        stdout: 'Syntax-only check passed. Everything looks okay.\n',
      });
    }
  });

  it('warns about a duplicated key (the last value is used, as in Packer)', () => {
    expect(run('validate', '-syntax-only', 'duplicate.json')).toMatchObject({
      status: 0,
      stdout:
        'Warning: Template warning\n\nduplicate key "omi_name" at line 3, column 5 (in builders[0]): the last value is used, as Packer does\n\nSyntax-only check passed. Everything looks okay.\n',
    });
  });

  it('reports a JSON syntax error with line, column and a caret excerpt, and exits 1', () => {
    const result = run('validate', 'broken.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      [
        `Error: Failed to parse ${join(files.dir, 'broken.json')}`,
        '',
        'Error parsing JSON: expected a quoted key, got "}"; a trailing comma is not allowed in JSON',
        'At line 3, column 24 (offset 41):',
        '    2:   "builders": [',
        '    3:     {"type": "osc-bsu",}',
        '                              ^',
        '',
        '',
      ].join('\n'),
    );
  });

  it('reports every structural problem at once, with template lines', () => {
    const result = run('validate', 'structure.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Error: Invalid template structure.json\n\n2 errors occurred:\n');
    expect(result.stderr).toContain(
      '\t* buidlers: unknown root level key; did you mean "builders"? (line 2, column 3)\n',
    );
    expect(result.stderr).toContain("\t* builders[1]: missing 'type' (line 7, column 5)\n");
  });

  it('requires variables declared null, taking them from -var and -var-file', () => {
    const missing = run('validate', 'required.json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('\t* variables.region: required variable not set: region (line 3, column 5)\n');
    expect(missing.stderr).toContain('\t* variables.size: required variable not set: size (line 4, column 5)\n');
    const given = run('validate', '-var-file=vars.json', '-var', 'size=10', 'required.json');
    expect(given.stderr).not.toContain('required variable');
    expect(given.stderr).toContain('Error: Failed to prepare build: "osc-bsu"');
    expect(given.stderr).toContain('\t* vm_type: is required');
  });

  it('says clearly that a builder of a later release is not available yet, and exits 1', () => {
    const result = run('validate', 'chroot.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: Failed to initialize build "outscale-chroot"\n\nbuilder type "outscale-chroot" is not available yet in osc-packer \(it comes in a later release; .*\)\n\n$/,
    );
    expect(result.stdout).toBe('');
  });

  it('reports -only patterns that match no build, and bad -var arguments', () => {
    expect(run('validate', '-only=web,osc-*', '-except', 'nothing', 'ok.json').stderr).toContain(
      '\t* -only: no build matches "web" (builds: osc-bsu)\n\t* -except: no build matches "nothing" (builds: osc-bsu)',
    );
    expect(run('validate', '-var', 'novalue', 'ok.json').stderr).toContain(
      '\t* -var: expected key=value, got "novalue"',
    );
  });

  it('prints machine-readable records with -machine-readable', () => {
    const result = run('validate', '-machine-readable', '-syntax-only', 'ok.json');
    expect(result.stdout).toMatch(/^\d+,,ui,say,Syntax-only check passed. Everything looks okay.\n$/);
  });

  it('fails with a message for a missing template file', () => {
    const result = run('validate', 'missing.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Error: Failed to read ${join(files.dir, 'missing.json')}`);
  });

  it.skipIf(!hasCompat)('checks compat templates: one that parses, one with a trailing comma', () => {
    expect(run('validate', '-syntax-only', join(compatDir, 'plugin-acc-outscale-bsu-basic.json')).status).toBe(0);
    const x509 = run('validate', join(compatDir, 'osc-auth-x509.fragment.json'));
    expect(x509.status).toBe(1);
    expect(x509.stderr).toContain('At line 6, column 1');
  });
});
