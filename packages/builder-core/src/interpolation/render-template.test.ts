import { describe, expect, it } from 'vitest';
import { createInterpolationContext, type InterpolationContext } from './interpolation-context';
import { InterpolationError } from './interpolation-error';
import { emulatedPackerVersion } from './packer-version';
import { checkTemplate, renderTemplate } from './render-template';

const now = new Date(Date.UTC(2014, 5, 7, 19, 22, 43, 786));
let uuids = 0;
const context: InterpolationContext = createInterpolationContext({
  now,
  uuid: () => `uuid-${++uuids}`,
  cwd: '/work/dir',
  templatePath: 'templates/web.json',
  buildName: 'foo-bar-provider',
  buildType: 'osc-bsu',
  userVariables: { fee: '-foo-', region: 'eu-west-2', name: 'Debian 12: web', empty: '' },
});

function failure(template: string, ctx: InterpolationContext = context): InterpolationError {
  try {
    renderTemplate(template, ctx);
  } catch (error) {
    if (InterpolationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${template} to fail`);
}

describe('renderTemplate', () => {
  it.each([
    ['plain text, no braces', 'plain text, no braces'],
    ['packer {{timestamp}}', 'packer 1402168963'],
    ['{{isotime}}', '2014-06-07T19:22:43Z'],
    ['packer-{{isotime `2006-01-02`}}', 'packer-2014-06-07'],
    ['packer-{{isotime "2006-01-02"}}', 'packer-2014-06-07'],
    ['packer-{{isotime `Jan-_2-15:04:05.000`}}', 'packer-Jun- 7-19:22:43.786'],
    ['{{ isotime "2006" | upper }}', '2014'],
    ['{{ isotime `Mon Jan` | upper }}', 'SAT JUN'],
    ['{{ strftime "%Y-%m-%d" }}', '2014-06-07'],
    ['{{user `region`}}', 'eu-west-2'],
    ['{{ user `region` }}-{{user "fee"}}', 'eu-west-2--foo-'],
    ['[{{user `empty`}}]', '[]'],
    ['{{ timestamp | clean_resource_name }}', '1402168963'],
    ['{{ isotime | clean_resource_name }}', '2014-06-07T19-22-43Z'],
    ['{{ user `name` | clean_omi_name }}', 'Debian 12- web'],
    ['{{ clean_resource_name "a:b*c" }}', 'a-b-c'],
    // Packer's documented split and replace examples (build_name = foo-bar-provider).
    ['{{split build_name "-" 0}}', 'foo'],
    ['{{split "fixed-string" "-" 1}}', 'string'],
    ['{{ replace_all "-" "/" build_name }}', 'foo/bar/provider'],
    ['{{ build_name | replace "-" "/" 1 }}', 'foo/bar-provider'],
    // packer-plugin-sdk's TestReplaceFuncs.
    ['{{ "foo-bar-baz" | replace "-" "/" 1}}', 'foo/bar-baz'],
    ['{{ replace "-" "/" 1 "foo-bar-baz" }}', 'foo/bar-baz'],
    ['{{ "I Am Henry VIII" | replace_all " " "-" }}', 'I-Am-Henry-VIII'],
    ['{{ replace_all " " "-" "I Am Henry VIII" }}', 'I-Am-Henry-VIII'],
    ['{{ replace "" "." -1 "ab" }}', '.a.b.'],
    ['{{ lower "ABC" }}{{ upper "def" }}', 'abcDEF'],
    ['{{build_name}}/{{build_type}}', 'foo-bar-provider/osc-bsu'],
    ['{{pwd}}', '/work/dir'],
    ['{{template_dir}}', '/work/dir/templates'],
    ['{{packer_version}}', emulatedPackerVersion],
    ['{{ "tab\\there" }}|{{ `raw\\t` }}|{{ "\\u00e9\\x41" }}', 'tab\there|raw\\t|éA'],
    ['a  {{- "b" -}}  c', 'abc'],
    ['a {{/* a comment */}}b', 'a b'],
    ['a\n  {{- /* trimmed comment */ -}}\n  b', 'ab'],
    ['{{if eq (user `region`) "eu-west-2"}}eu{{else}}other{{end}}', 'eu'],
    ['{{if user `empty`}}set{{else if user `fee`}}fee{{else}}none{{end}}', 'fee'],
    ['{{with user `region`}}[{{.}}]{{end}}', '[eu-west-2]'],
    ['{{ printf "%s-%d" (user `region`) 3 }}', 'eu-west-2-3'],
    ['{{ len "héllo" }} {{ not true }} {{ and 1 0 }} {{ or 0 "x" }}', '6 false 0 x'],
    ['{{ 42 }} {{ 0x10 }} {{ true }} {{ "x" | print }}', '42 16 true x'],
  ])('renders %j as %j', (template, expected) => {
    expect(renderTemplate(template, context)).toBe(expected);
  });

  it('keeps timestamp and isotime constant for the run, and makes a new uuid each time', () => {
    const later = renderTemplate('{{timestamp}} {{isotime}}', context);
    expect(later).toBe('1402168963 2014-06-07T19:22:43Z');
    expect(renderTemplate('{{uuid}} {{uuid}}', context)).toMatch(/^uuid-(\d+) uuid-(?!\1)\d+$/);
    const real = createInterpolationContext({ now });
    expect(renderTemplate('{{uuid}}', real)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('renders {{build `Key`}} with provisioner-time build data', () => {
    const provisioning = { ...context, buildData: { ID: 'i-1234', SSHPrivateKey: '-----BEGIN KEY-----' } };
    expect(renderTemplate("echo '{{ build `SSHPrivateKey`}}' > key; {{build `ID`}}", provisioning)).toBe(
      "echo '-----BEGIN KEY-----' > key; i-1234",
    );
  });

  it('renders build data fields for late fields (tags, execute_command)', () => {
    const data = { SourceOMI: 'ami-1', SourceOMIName: 'debian', SourceOMITags: { TagName: 'v' }, BuildRegion: '' };
    const late = { ...context, data };
    expect(renderTemplate('{{ .SourceOMIName }}/{{ .SourceOMITags.TagName }}/{{ .SourceOMITags.Missing }}', late)).toBe(
      'debian/v/',
    );
    const execute = { ...context, data: { Vars: 'A=1 B=2', Path: '/tmp/script.sh' } };
    expect(renderTemplate("{{.Vars}} sudo -E -S bash '{{.Path}}'", execute)).toBe(
      "A=1 B=2 sudo -E -S bash '/tmp/script.sh'",
    );
    expect(renderTemplate('{{range .SourceOMITags}}<{{.}}>{{end}}', late)).toBe('<v>');
  });

  it('allows env only in variable defaults, reading the injected environment', () => {
    const withEnv = { ...context, env: { MY_SECRET: 's3cr3t' } };
    expect(renderTemplate('{{env `MY_SECRET`}}|{{env `UNSET`}}', withEnv, { allowEnv: true })).toBe('s3cr3t|');
    expect(failure('{{env `MY_SECRET`}}', withEnv).reason).toMatch(/only allowed in the default value of a variable/);
  });

  it('passes late references through when asked (variable defaults keep {{ .HTTPIP }} for later)', () => {
    const text = 'http://{{ .HTTPIP }}:{{ .HTTPPort }}/{{ build `ID` }}/{{user `region`}}';
    expect(renderTemplate(text, context, { passThroughLateReferences: true })).toBe(
      'http://{{ .HTTPIP }}:{{ .HTTPPort }}/{{ build `ID` }}/eu-west-2',
    );
  });
});

describe('renderTemplate errors', () => {
  it.each([
    ['{{foo}}', /function "foo" is not defined/, 'foo', 3],
    ['x {{ tiemstamp }}', /function "tiemstamp" is not defined; did you mean "timestamp"\?/, 'tiemstamp', 6],
    ['{{if false}}{{nope}}{{end}}', /function "nope" is not defined/, 'nope', 15],
    ['{{user `missing`}}', /undefined variable "missing"/, 'missing', 3],
    ['{{ .SourceOMI }}', /is build data, only available in fields rendered during the build/, 'SourceOMI', 4],
    ['{{build `ID`}}', /only available in fields rendered while provisioning/, 'ID', 3],
    ['{{ upper 5 }}', /upper: argument 1 must be a string \(got int\)/, 'upper', 4],
    ['{{ split "a" }}', /wrong number of arguments for split: want 3, got 1/, 'split', 4],
    ['{{ split "a-b" "-" 5 }}', /split: there is no substring 5/, 'split', 4],
    ['{{ sed "s/a/b/" "a" }}', /sed is not supported.*replace or replace_all/, 'sed', 4],
    ['{{ vault `/x` `y` }}', /vault is not supported/, 'vault', 4],
    ['{{ isotime "a" "b" }}', /want 0 to 1, got 2/, 'isotime', 4],
    ['{{ user `fee` | }}', /missing command after "\|"/, undefined, 17],
    ['{{ isotime ', /unclosed action/, undefined, 1],
    ['{{ "\\q" }}', /unknown escape sequence/, undefined, 5],
    ['{{ "unterminated }}', /unterminated quoted string/, undefined, 4],
    ['{{ $x := 1 }}', /template variables \(\$name\) are not supported/, undefined, 4],
    ['{{}}', /empty action/, undefined, 3],
    ['{{if true}}x', /missing \{\{end\}\}/, undefined, 3],
    ['x{{end}}', /unexpected \{\{end\}\}/, undefined, 4],
    ['{{ "a" "b" }}', /can't give an argument to a non-function/, undefined, 4],
    ['{{ template "x" }}', /not supported in Packer templates/, undefined, 4],
  ])('fails on %j', (template, reason, subject, column) => {
    const error = failure(template);
    expect(error.reason).toMatch(reason);
    expect(error.subject).toBe(subject);
    expect(error.offset + 1).toBe(column);
    expect(error.message).toContain(`in ${JSON.stringify(template)} at column ${column}`);
  });

  it('names the missing field and the known ones when build data has no such field', () => {
    const error = failure('{{ .SourceAMI }}', { ...context, data: { SourceOMI: 'ami-1', BuildRegion: 'eu' } });
    expect(error.reason).toBe('build data has no field "SourceAMI" (known: BuildRegion, SourceOMI)');
  });

  it('names the missing build key and the known ones', () => {
    const error = failure('{{build `Nope`}}', { ...context, buildData: { ID: 'i-1', Host: 'h' } });
    expect(error.reason).toBe('build data has no "Nope" (known: Host, ID)');
    expect(error.subject).toBe('Nope');
  });

  it('reports template_dir, build_name and build_type when they are unknown', () => {
    const bare = createInterpolationContext({ now });
    expect(failure('{{template_dir}}', bare).reason).toMatch(/not read from a file/);
    expect(failure('{{build_name}}', bare).reason).toMatch(/build_name is not available/);
    expect(failure('{{build_type}}', bare).reason).toMatch(/build_type is not available/);
  });
});

describe('checkTemplate', () => {
  it('accepts late templates without rendering them', () => {
    expect(() => checkTemplate('{{ .SourceOMIName }}-{{ user `region` }}-{{ build `ID` }}', context)).not.toThrow();
  });

  it.each([
    ['{{ .SourceOMIName | nope }}', /function "nope" is not defined/],
    ['{{ user `missing` }}', /undefined variable "missing"/],
    ['{{ env `HOME` }}', /env is only allowed/],
    ['{{ if .X }}', /missing \{\{end\}\}/],
    ['{{ upper (user `missing`) }}', /undefined variable "missing"/],
  ])('rejects %j', (template, reason) => {
    expect(() => checkTemplate(template, context)).toThrow(reason);
  });
});
