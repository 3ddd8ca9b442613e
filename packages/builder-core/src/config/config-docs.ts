import type { z } from 'zod';
import type { ConfigSpec } from './config-block';
import { configJsonSchema } from './config-json-schema';

type Json = Record<string, unknown>;

interface Row {
  key: string;
  type: string;
  required: boolean;
  description: string;
}

function typeOf(schema: Json): string {
  if (schema.format === 'duration') return 'duration';
  const options = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (options?.[0]) return typeOf(options[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (Array.isArray(schema.enum)) return 'string';
  if (type === 'array') return `list of ${typeOf((schema.items as Json | undefined) ?? {})}`;
  if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeOf(schema.additionalProperties as Json)}`;
  }
  return typeof type === 'string' ? type : 'any';
}

function describe(schema: Json): string {
  let text = typeof schema.description === 'string' ? schema.description : '';
  if (Array.isArray(schema.enum) && !/one of/i.test(text))
    text += ` One of: ${schema.enum.map((v) => `\`${v}\``).join(', ')}.`;
  if (schema.default !== undefined && !/default/i.test(text))
    text += ` Default: \`${JSON.stringify(schema.default)}\`.`;
  return text.trim();
}

function rows(schema: Json, prefix: string, out: Row[]): Row[] {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  for (const [key, field] of Object.entries(properties)) {
    const path = prefix + key;
    out.push({ key: path, type: typeOf(field), required: required.has(key), description: describe(field) });
    if (field.type === 'object' && field.properties) rows(field, `${path}.`, out);
    const items = field.items as Json | undefined;
    if (field.type === 'array' && items?.properties) rows(items, `${path}[].`, out);
  }
  return out;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A Markdown table (key, type, required, description with allowed values and default) of an object schema. */
export function configDocsTable(schema: z.ZodType): string {
  const lines = ['| Key | Type | Required | Description |', '| --- | --- | --- | --- |'];
  for (const row of rows(configJsonSchema(schema), '', [])) {
    lines.push(`| \`${row.key}\` | ${row.type} | ${row.required ? 'yes' : 'no'} | ${cell(row.description)} |`);
  }
  return lines.join('\n');
}

/** Markdown docs of a composed configuration: a heading and a table per block. */
export function configDocsMarkdown(spec: ConfigSpec<unknown>, headingLevel = 3): string {
  const heading = '#'.repeat(headingLevel);
  return spec.blocks.map((block) => `${heading} ${block.title}\n\n${configDocsTable(block.schema)}\n`).join('\n');
}
