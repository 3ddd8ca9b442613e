import { describe, expect, it } from 'vitest';
import { createInterpolationContext } from '../interpolation/interpolation-context';
import { parseTemplate } from './parse-template';
import { resolveVariables } from './resolve-variables';
import { TemplateError } from './template-error';
import { parseVarFile, parseVarFlag } from './variable-sources';

const context = createInterpolationContext({
  now: new Date(Date.UTC(2014, 5, 7, 19, 22, 43)),
  env: { MY_SECRET: 's3cr3t-value', HOME: '/home/packer' },
  cwd: '/work',
});

const template = (variables: Record<string, unknown>, sensitive: string[] = []) =>
  parseTemplate(JSON.stringify({ variables, 'sensitive-variables': sensitive, builders: [{ type: 'null' }] }));

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (TemplateError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('resolveVariables', () => {
  it("follows Packer's documented precedence: -var beats -var-file beats defaults, later files win", () => {
    // Packer's user-variables page: -var 'aws_access_key=bar' -var-file=variables.json -var 'aws_secret_key=baz'
    // (variables.json sets both keys to "foo" and "bar"). -var wins over files whatever the order, as Packer does.
    const resolved = resolveVariables(
      template({ aws_access_key: '', aws_secret_key: '', region: 'us-east-1', zone: 'a' }),
      {
        varFiles: [
          parseVarFile('{"aws_access_key": "foo", "aws_secret_key": "bar", "region": "eu-west-2"}', 'variables.json'),
          parseVarFile('{"region": "eu-west-3", "count": 2}', 'more.json'),
        ],
        vars: [parseVarFlag('aws_secret_key=baz'), parseVarFlag('zone=b=c'), parseVarFlag('zone=d')],
      },
      context,
    );
    expect(resolved.values).toEqual({
      aws_access_key: 'foo',
      aws_secret_key: 'baz',
      region: 'eu-west-3',
      zone: 'd',
      count: '2',
    });
  });

  it('reads {{env}} in defaults (the only place it is allowed) and scrubs sensitive variables', () => {
    // Packer's examples: "my_secret": "{{env `MY_SECRET`}}" marked sensitive, and "home": "{{env `HOME`}}".
    const resolved = resolveVariables(
      template({ my_secret: '{{env `MY_SECRET`}}', not_a_secret: 'plaintext', foo: 'bar', home: '{{env `HOME`}}' }, [
        'my_secret',
        'foo',
      ]),
      {},
      context,
    );
    expect(resolved.values).toMatchObject({ my_secret: 's3cr3t-value', home: '/home/packer', foo: 'bar' });
    expect(resolved.secrets).toEqual(['s3cr3t-value', 'bar']);
  });

  it('never quotes the value of a sensitive variable that is a broken template', () => {
    const issues = issuesOf(() =>
      resolveVariables(
        template({ password: null, visible: null }, ['password']),
        { vars: [parseVarFlag('password=p4ss{{w0rd'), parseVarFlag('visible=open{{door')] },
        context,
      ),
    );
    expect(JSON.stringify(issues)).not.toContain('p4ss');
    expect(issues).toEqual([
      { path: '-var password', message: expect.stringMatching(/ \(in a sensitive value, not shown\)$/) },
      { path: '-var visible', message: expect.stringContaining('(in "open{{door" at column') },
    ]);
  });

  it('resolves variables defined from each other, in any order (Packer: foo, baz, bang)', () => {
    const resolved = resolveVariables(
      template({ bang: 'bang{{user `baz`}}', baz: '{{user `foo`}}baz', foo: 'bar', stamp: 'v-{{isotime `2006`}}' }),
      { vars: [parseVarFlag('from_cli={{user `foo`}}!')] },
      context,
    );
    expect(resolved.values).toEqual({
      foo: 'bar',
      baz: 'barbaz',
      bang: 'bangbarbaz',
      stamp: 'v-2014',
      from_cli: 'bar!',
    });
  });

  it('keeps {{ .Field }} and {{build}} in values for a later render', () => {
    const resolved = resolveVariables(
      template({ url: 'http://{{ .HTTPIP }}:{{ .HTTPPort }}/{{ build `ID` }}' }),
      {},
      context,
    );
    expect(resolved.values.url).toBe('http://{{ .HTTPIP }}:{{ .HTTPPort }}/{{ build `ID` }}');
  });

  it('reports every problem at once: required variables, undefined references, loops, bad templates', () => {
    const issues = issuesOf(() =>
      resolveVariables(
        template({
          needed: null,
          other: null,
          a: '{{user `b`}}',
          b: '{{user `a`}}',
          c: '{{user `nope`}}',
          d: '{{foo}}',
          e: '{{user `d`}}',
        }),
        { vars: [['other', 'set']] },
        context,
      ),
    );
    expect(issues).toEqual([
      { path: 'variables.needed', message: 'required variable not set: needed' },
      {
        path: 'variables.b',
        message: 'variables refer to each other in a loop: a -> b -> a (in "{{user `a`}}" at column 3)',
      },
      { path: 'variables.a', message: 'variable "b" has an error (reported above) (in "{{user `b`}}" at column 3)' },
      { path: 'variables.c', message: expect.stringMatching(/^undefined variable "nope"/) },
      { path: 'variables.d', message: 'function "foo" is not defined (in "{{foo}}" at column 3)' },
      { path: 'variables.e', message: 'variable "d" has an error (reported above) (in "{{user `d`}}" at column 3)' },
    ]);
  });

  it('names the -var or -var-file a bad value came from', () => {
    const issues = issuesOf(() =>
      resolveVariables(
        template({}),
        { vars: [['x', '{{ nope }}']], varFiles: [parseVarFile('{"y": "{{ env }}"}', 'vars.json')] },
        context,
      ),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['-var-file vars.json: y', '-var x']);
  });
});

describe('variable sources', () => {
  it('parses -var key=value at the first "="', () => {
    expect(parseVarFlag('a=b=c')).toEqual(['a', 'b=c']);
    expect(parseVarFlag('empty=')).toEqual(['empty', '']);
    expect(() => parseVarFlag('novalue')).toThrow('expected key=value, got "novalue"');
    expect(() => parseVarFlag('=x')).toThrow('expected key=value');
  });

  it('parses var files and reports bad ones with their path', () => {
    expect(parseVarFile('{"a": "1", "b": 2, "c": true}', 'v.json').values).toEqual({ a: '1', b: '2', c: 'true' });
    expect(() => parseVarFile('{"a": {"x": 1}}', 'v.json')).toThrow(
      /Invalid template v\.json \(1 error\):\n\* a: must be a string/,
    );
    expect(() => parseVarFile('[1]', 'v.json')).toThrow('a var file must be a JSON object');
    expect(() => parseVarFile('{"a": 1,}', 'v.json')).toThrow(/v\.json: expected a quoted key.*at line 1, column 9/);
  });
});
