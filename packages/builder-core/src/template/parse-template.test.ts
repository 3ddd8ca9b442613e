import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from './json-document';
import { JsonSyntaxError } from './json-syntax-error';
import { loadTemplate } from './load-template';
import { parseTemplate } from './parse-template';
import { TemplateError } from './template-error';
import { compatTemplatesDir, hasCompatTemplates } from './template-test-helpers';
import { validateTemplate } from './validate-template';
import { readVarFile } from './variable-sources';

function issuesOf(text: string) {
  try {
    parseTemplate(text);
  } catch (error) {
    if (TemplateError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

const full = JSON.stringify({
  _comment: 'root comments are allowed',
  description: 'Debian web image',
  min_packer_version: '1.5.0',
  variables: { region: 'eu-west-2', secret: null, size: 10, debug: true },
  'sensitive-variables': ['secret'],
  builders: [
    { type: 'osc-bsu', omi_name: 'web {{timestamp}}' },
    { type: 'osc-bsu', name: 'second', vm_type: 'tinav6.c1r1p1' },
  ],
  provisioners: [
    {
      type: 'shell',
      inline: ['echo hi'],
      only: ['osc-bsu'],
      pause_before: '10s',
      max_retries: 3,
      timeout: '5m',
      override: { second: { inline: ['echo second'] } },
    },
    { type: 'file', source: 'a', destination: 'b', except: 'second', max_retries: '{{user `size`}}' },
  ],
  'error-cleanup-provisioner': { type: 'shell-local', inline: ['echo cleanup'] },
  'post-processors': [
    'manifest',
    { type: 'shell-local', name: 'notify', inline: ['echo'], only: ['second'], keep_input_artifact: true },
    ['manifest', { type: 'shell-local', inline: ['x'] }],
  ],
});

describe('parseTemplate', () => {
  it('reads every part of a Packer JSON template into the typed model', () => {
    const template = parseTemplate(full, { path: '/t/web.json' });
    expect(template).toMatchObject({
      path: '/t/web.json',
      description: 'Debian web image',
      minPackerVersion: '1.5.0',
      comments: { _comment: 'root comments are allowed' },
      variables: [
        { name: 'region', default: 'eu-west-2', required: false, sensitive: false },
        { name: 'secret', required: true, sensitive: true },
        { name: 'size', default: '10', required: false },
        { name: 'debug', default: '1', required: false },
      ],
      builders: [
        { index: 0, type: 'osc-bsu', name: 'osc-bsu', config: { omi_name: 'web {{timestamp}}' } },
        { index: 1, type: 'osc-bsu', name: 'second', config: { vm_type: 'tinav6.c1r1p1' } },
      ],
      provisioners: [
        {
          type: 'shell',
          only: ['osc-bsu'],
          pauseBeforeMs: 10_000,
          maxRetries: 3,
          timeoutMs: 300_000,
          override: { second: { inline: ['echo second'] } },
          config: { inline: ['echo hi'] },
        },
        {
          type: 'file',
          except: ['second'],
          maxRetriesTemplate: '{{user `size`}}',
          config: { source: 'a', destination: 'b' },
        },
      ],
      errorCleanupProvisioner: { type: 'shell-local', config: { inline: ['echo cleanup'] } },
      postProcessors: [
        [{ type: 'manifest', name: 'manifest', config: {} }],
        [
          {
            type: 'shell-local',
            name: 'notify',
            only: ['second'],
            keepInputArtifact: true,
            config: { inline: ['echo'] },
          },
        ],
        [
          { type: 'manifest', name: 'manifest', config: {} },
          { type: 'shell-local', name: 'shell-local', config: { inline: ['x'] } },
        ],
      ],
      warnings: [],
    });
    expect(template.locate(['builders', 1, 'vm_type'])).toEqual({ line: 1, column: expect.any(Number) });
    expect(validateTemplate(template)).toEqual([]);
  });

  it('reports every structural problem at once, with key paths', () => {
    const issues = issuesOf(
      JSON.stringify({
        buidlers: [],
        description: 3,
        variables: { list: ['a'] },
        'sensitive-variables': 'secret',
        builders: [{ name: 'no-type' }, 'osc-bsu', { type: 'osc-bsu' }, { type: 'osc-chroot', name: 'osc-bsu' }],
        provisioners: [
          { inline: [] },
          { type: 'shell', only: [1], pause_before: '10', max_retries: 'x', override: 'x' },
        ],
        'post-processors': [[['manifest']], { name: 'x' }, 7, { type: 'manifest', keep_input_artifact: 'maybe' }],
      }),
    );
    expect(issues).toEqual([
      { path: 'buidlers', message: 'unknown root level key; did you mean "builders"?' },
      { path: 'description', message: 'must be a string' },
      { path: 'sensitive-variables', message: 'must be a list of variable names' },
      { path: 'variables.list', message: 'must be a string, a number, a boolean, or null (required)' },
      { path: 'builders[0]', message: "missing 'type'" },
      { path: 'builders[1]', message: 'must be an object with a "type"' },
      { path: 'builders[3]', message: 'a builder named "osc-bsu" already exists; give each builder a distinct "name"' },
      { path: 'provisioners[0]', message: "missing 'type'" },
      { path: 'provisioners[1].override', message: 'must be an object of build names to objects of keys' },
      { path: 'provisioners[1].max_retries', message: 'must be a whole number (got "x")' },
      { path: 'provisioners[1].only', message: 'must be a list of build names' },
      { path: 'provisioners[1].pause_before', message: 'must be a duration such as "30s" or "5m" (got "10")' },
      { path: 'post-processors[0][0]', message: 'a sequence cannot be nested in a sequence' },
      { path: 'post-processors[1]', message: "missing 'type'" },
      { path: 'post-processors[2]', message: 'must be a type name or an object with a "type"' },
      { path: 'post-processors[3].keep_input_artifact', message: 'must be true or false' },
    ]);
  });

  it('warns about duplicated keys (the last one wins, as in Packer)', () => {
    const template = parseTemplate('{"builders": [{"type": "a", "omi_name": "x", "omi_name": "y"}]}');
    expect(template.builders[0]?.config).toEqual({ omi_name: 'y' });
    expect(template.warnings).toEqual([
      'duplicate key "omi_name" at line 1, column 46 (in builders[0]): the last value is used, as Packer does',
    ]);
  });

  it('refuses a document that is not an object, and throws syntax errors with line and column', () => {
    expect(() => parseTemplate('[]')).toThrow('a template must be a JSON object');
    expect(() => parseTemplate('{"builders": [}', { path: '/t.json' })).toThrow(JsonSyntaxError);
  });
});

describe('validateTemplate', () => {
  it('checks builders exist, only/except/override names and min_packer_version', () => {
    const template = parseTemplate(
      JSON.stringify({
        min_packer_version: '1.99.0',
        builders: [{ type: 'osc-bsu' }, { type: 'osc-chroot', name: 'chroot' }],
        provisioners: [
          { type: 'shell', only: ['osc-bsuu'], except: ['chroot'] },
          { type: 'shell', override: { nope: {} } },
        ],
        'error-cleanup-provisioner': { type: 'shell-local', only: ['x'] },
        'post-processors': [['manifest', { type: 'manifest', except: ['chrot'] }]],
      }),
    );
    expect(validateTemplate(template, '1.14.3')).toEqual([
      { path: 'provisioners[0]', message: "only one of 'only' or 'except' may be specified" },
      {
        path: 'provisioners[0].only',
        message: "'only' specified builder 'osc-bsuu' not found; did you mean 'osc-bsu'?",
      },
      { path: 'provisioners[1].override', message: "override 'nope' doesn't exist" },
      { path: 'error-cleanup-provisioner.only', message: "'only' specified builder 'x' not found" },
      {
        path: 'post-processors[0][1].except',
        message: "'except' specified builder 'chrot' not found; did you mean 'chroot'?",
      },
      {
        path: 'min_packer_version',
        message: 'This template requires Packer version 1.99.0 or higher; osc-packer implements Packer 1.14.3',
      },
    ]);
  });

  it.each([
    ['1.14.3', true],
    ['1.14', true],
    ['v1.5.0', true],
    ['1.14.3-beta1', true],
    ['1.14.4', false],
    ['2.0.0', false],
  ])('compares min_packer_version %s with the emulated Packer 1.14.3', (version, satisfied) => {
    const template = parseTemplate(JSON.stringify({ min_packer_version: version, builders: [{ type: 'x' }] }));
    expect(validateTemplate(template, '1.14.3').length === 0).toBe(satisfied);
  });

  it('requires at least one builder', () => {
    expect(validateTemplate(parseTemplate('{}'))).toEqual([
      { path: 'builders', message: 'at least one builder must be defined' },
    ]);
  });
});

describe.skipIf(!hasCompatTemplates)('compat templates (shared/compat/json-templates)', () => {
  const files = hasCompatTemplates ? readdirSync(compatTemplatesDir).filter((file) => file.endsWith('.json')) : [];
  const templates = files.filter((file) => !file.endsWith('.fragment.json'));
  const fragments = files.filter((file) => file.endsWith('.fragment.json'));

  it.each(templates)('loads the complete template %s', async (file) => {
    const template = await loadTemplate(join(compatTemplatesDir, file));
    expect(template.builders.length).toBeGreaterThan(0);
    expect(validateTemplate(template)).toEqual([]);
  });

  it.each(fragments.filter((file) => file !== 'osc-auth-x509.fragment.json'))('parses the fragment %s', (file) => {
    const value = parseJsonDocument(readFileSync(join(compatTemplatesDir, file), 'utf8')).value;
    expect(typeof value).toBe('object');
    if (typeof value === 'object' && value && 'type' in value) {
      const template = parseTemplate(JSON.stringify({ builders: [value] }));
      expect(template.builders[0]?.type).toBe((value as { type: string }).type);
    }
  });

  // Users arrive with the plugin's HCL2 examples: they must learn at once that only JSON templates are read.
  const hclExamples = join(compatTemplatesDir, '..', 'packer-plugin-examples', 'examples');

  it('refuses an HCL2 template, a template directory and an HCL2 var file with a message that says why', async () => {
    const problems = async (load: Promise<unknown>) => {
      const error = await load.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(TemplateError.isInstance(error), String(error)).toBe(true);
      return TemplateError.isInstance(error) ? error.issues.map((issue) => issue.message) : [];
    };
    expect(await problems(loadTemplate(join(hclExamples, 'osc-bsu.pkr.hcl')))).toEqual([
      expect.stringMatching(
        /^HCL2 templates \(\.pkr\.hcl\) are not supported yet: osc-packer reads Packer JSON templates/,
      ),
    ]);
    expect(await problems(loadTemplate(hclExamples))).toEqual([
      expect.stringMatching(/^is a directory: osc-packer builds from one JSON template file/),
    ]);
    expect(await problems(readVarFile(join(hclExamples, 'variables.auto.pkrvars.hcl')))).toEqual([
      expect.stringMatching(
        /variables\.auto\.pkrvars\.hcl is an HCL2 variable file \(\.pkrvars\.hcl\), not supported yet: give a JSON var file/,
      ),
    ]);
  });

  it('reports the trailing comma of osc-auth-x509.fragment.json with line and column', async () => {
    await expect(loadTemplate(join(compatTemplatesDir, 'osc-auth-x509.fragment.json'))).rejects.toThrow(
      /osc-auth-x509\.fragment\.json: expected a quoted key, got "}"; a trailing comma is not allowed in JSON at line 6, column 1/,
    );
  });
});
