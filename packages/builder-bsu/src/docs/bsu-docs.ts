import { configDocsMarkdown, configJsonSchema } from '@osc-packer/builder-core';
import { buildInfoNames, retiredOmiKeys, retiredRunKeys } from '@osc-packer/osc-steps';
import { builderTypeNames } from '../builder-identity';
import { bsuConfigSpec, bsuDeferredFields } from '../config/bsu-config';

const buildInfoDescriptions: Readonly<Record<(typeof buildInfoNames)[number], string>> = {
  BuildRegion: 'The Region the build runs in, as resolved (template, environment, profile or default).',
  SourceOMI: 'Id of the source OMI.',
  SourceOMIName: 'Name of the source OMI.',
  SourceOMITags: 'Tags of the source OMI: `{{ .SourceOMITags.Key }}` (empty when the tag is missing).',
  SourceOMICreationDate: 'Creation date of the source OMI.',
  SourceOMIOwner: 'Account id of the source OMI owner.',
  SourceOMIOwnerName: 'Account alias of the source OMI owner (e.g. `Outscale`), empty when it has none.',
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function aliasesSection(): string {
  const rows = Object.entries(bsuConfigSpec.aliases)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([old, current]) => {
      const cut = old.lastIndexOf('.');
      const target = cut === -1 ? current : `${old.slice(0, cut)}.${current}`;
      return [`\`${old}\``, `\`${target}\``];
    });
  return [
    '## Deprecated names',
    '',
    'Accepted with a warning; setting both names is an error.',
    '',
    table(['Old name', 'Current name'], rows),
  ].join('\n');
}

function retiredSection(): string {
  const rows = Object.entries({ ...retiredOmiKeys, ...retiredRunKeys }).map(([key, entry]) => [
    `\`${key}\``,
    entry.explanation,
  ]);
  return [
    '## Keys that cannot be honoured',
    '',
    'Found in old documentation or AWS-era templates; each is explained instead of being an unknown key.',
    '',
    table(['Key', 'Outcome'], rows),
  ].join('\n');
}

function deferredSection(): string {
  const fields = bsuDeferredFields.map((field) => `\`${field}\``).join(', ');
  const rows = buildInfoNames.map((name) => [`\`{{ .${name} }}\``, buildInfoDescriptions[name]]);
  return [
    '## Fields rendered during the build',
    '',
    `${fields} are rendered once the source OMI is known, with the build data below; every other string is rendered when the template is prepared. A name that does not exist (\`{{ .SourceOmi }}\`) is an error at prepare time.`,
    '',
    table(['Build data', 'Value'], rows),
  ].join('\n');
}

/** The osc-bsu reference page (`docs/builders/osc-bsu.md`), generated from the configuration schemas. */
export function bsuDocsMarkdown(): string {
  return [
    '# osc-bsu builder',
    '',
    '<!-- Generated from the configuration schemas by `pnpm --filter @osc-packer/builder-bsu run docs`; do not edit. -->',
    '',
    `Type names: ${builderTypeNames.map((name) => `\`${name}\``).join(', ')}. The builder launches a VM from a source OMI, provisions it over SSH, stops it and creates an OMI from it.`,
    '',
    'Numbers and booleans may be written as strings (`"10"`, `"true"`), lists as comma-separated strings, durations as Go durations (`"10m"`, `"1h30m"`). Unknown keys are errors, with the closest known key suggested. Every problem is reported at once, with its key path.',
    '',
    '## Configuration',
    '',
    configDocsMarkdown(bsuConfigSpec, 3),
    aliasesSection(),
    '',
    retiredSection(),
    '',
    deferredSection(),
    '',
  ].join('\n');
}

/** The editor JSON Schema of an osc-bsu builder block (`schemas/osc-bsu.schema.json`). */
export function bsuJsonSchema(): Record<string, unknown> {
  const deprecated = Object.fromEntries(
    Object.entries(bsuConfigSpec.aliases)
      .filter(([old]) => !old.includes('.') && !old.includes('['))
      .map(([old, current]) => [old, { description: `Deprecated name of \`${current}\`.`, deprecated: true }]),
  );
  return configJsonSchema(bsuConfigSpec, {
    title: 'osc-bsu builder',
    extraProperties: {
      type: { description: 'The builder type.', enum: [...builderTypeNames] },
      name: { description: 'Name of the build (default: the type).', type: 'string' },
      ...deprecated,
    },
  });
}
