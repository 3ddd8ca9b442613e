import { describe, expect, it } from 'vitest';
import { createInterpolationContext } from '../interpolation/interpolation-context';
import { globToRegExp } from './glob-pattern';
import { parseTemplate } from './parse-template';
import { selectBuilds } from './select-builds';

const context = createInterpolationContext({ userVariables: { env: 'prod', retries: '2' } });

const template = parseTemplate(
  JSON.stringify({
    builders: [
      { type: 'osc-bsu', name: 'web-{{user `env`}}' },
      { type: 'osc-bsu', name: 'db-prod' },
      { type: 'osc-chroot' },
    ],
    provisioners: [{ type: 'shell', inline: ['x'], max_retries: '{{user `retries`}}' }],
    'post-processors': [
      [
        'manifest',
        { type: 'shell-local', name: 'upload', inline: ['x'] },
        { type: 'shell-local', name: 'notify', inline: ['y'] },
      ],
      { type: 'shell-local', name: 'notify', inline: ['z'] },
    ],
  }),
);

const names = (only?: string[], except?: string[]) =>
  selectBuilds(template, { only, except }, context).map((b) => b.name);

describe('selectBuilds', () => {
  it.each([
    [undefined, undefined, ['web-prod', 'db-prod', 'osc-chroot']],
    [['web-prod'], undefined, ['web-prod']],
    [['*-prod'], undefined, ['web-prod', 'db-prod']],
    [['osc-*', 'db-?rod'], undefined, ['db-prod', 'osc-chroot']],
    [['{web,db}-prod'], undefined, ['web-prod', 'db-prod']],
    [undefined, ['*-prod'], ['osc-chroot']],
    [['*'], ['db-*'], ['web-prod', 'osc-chroot']],
    [['[wd]*'], undefined, ['web-prod', 'db-prod']],
  ])('-only %j -except %j selects %j', (only, except, expected) => {
    expect(names(only, except)).toEqual(expected);
  });

  it('renders build names, provisioner max_retries, and hands over all provisioners', () => {
    const [build] = selectBuilds(template, { only: ['web-prod'] }, context);
    expect(build).toMatchObject({
      name: 'web-prod',
      builder: { index: 0, type: 'osc-bsu', name: 'web-{{user `env`}}' },
      provisioners: [{ type: 'shell', maxRetries: 2, config: { inline: ['x'] } }],
    });
    expect(build?.provisioners[0]).not.toHaveProperty('maxRetriesTemplate');
  });

  it('cuts a post-processor sequence at the first post-processor named by -except, as Packer does', () => {
    const [build] = selectBuilds(template, { except: ['upload'] }, context);
    expect(build?.postProcessors.map((sequence) => sequence.map((pp) => pp.name))).toEqual([['manifest'], ['notify']]);
    const [other] = selectBuilds(template, { except: ['notify'] }, context);
    expect(other?.postProcessors.map((sequence) => sequence.map((pp) => pp.name))).toEqual([
      ['manifest', 'upload'],
      [],
    ]);
  });

  it('reports patterns that match nothing, and names that cannot be rendered', () => {
    expect(() => selectBuilds(template, { only: ['nope'], except: ['also-nope'] }, context)).toThrow(
      /-only: no build matches "nope" \(builds: web-prod, db-prod, osc-chroot\)\n\* -except: no build matches "also-nope"/,
    );
    const broken = parseTemplate(JSON.stringify({ builders: [{ type: 'a', name: '{{user `missing`}}' }] }));
    expect(() => selectBuilds(broken, {}, context)).toThrow(/builders\[0\]\.name: undefined variable "missing"/);
    const twice = parseTemplate(
      JSON.stringify({
        builders: [
          { type: 'a', name: '{{user `env`}}' },
          { type: 'b', name: 'prod' },
        ],
      }),
    );
    expect(() => selectBuilds(twice, {}, context)).toThrow(/builders\[1\]\.name: build name "prod" is used twice/);
  });

  it('reports a max_retries that does not render to a number', () => {
    const bad = parseTemplate(
      JSON.stringify({ builders: [{ type: 'a' }], provisioners: [{ type: 'shell', max_retries: '{{user `env`}}' }] }),
    );
    expect(() => selectBuilds(bad, {}, context)).toThrow(
      /provisioners\[0\]\.max_retries: must be a whole number \(got "prod"\)/,
    );
  });
});

describe('globToRegExp', () => {
  it.each([
    ['amazon-ebs', 'amazon-ebs', true],
    ['amazon-*', 'amazon-ebs.a', true],
    ['a.b', 'aXb', false],
    ['[!a]x', 'bx', true],
    ['[!a]x', 'ax', false],
    ['{a,b}c', 'bc', true],
    ['(x)', '(x)', true],
    ['a[', 'a[', true],
  ])('%j matches %j: %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });
});
