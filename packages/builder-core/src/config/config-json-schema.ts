import { z } from 'zod';
import { formatGoDuration } from '../build/go-duration';
import type { ConfigSpec } from './config-block';
import { annotationOf } from './field-annotations';

// Durations decode to milliseconds, but users write them as Go durations: show defaults that way.
function durationDefaults(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.format === 'duration' && typeof record.default === 'number')
    record.default = formatGoDuration(record.default);
  for (const value of Object.values(record)) durationDefaults(value);
}

/** Options of configJsonSchema. */
export interface ConfigJsonSchemaOptions {
  /** Title of the schema, e.g. `osc-bsu builder`. */
  title?: string;
  /** More top-level properties, e.g. a template block's `type` and `name`. */
  extraProperties?: Readonly<Record<string, Record<string, unknown>>>;
}

/**
 * A JSON Schema (draft 2020-12) of what users may write in a configuration block, for editors: the raw forms
 * the weak-typed fields accept (`"10"` for numbers, `"1h30m"` for durations), descriptions and defaults from
 * the schemas, unknown keys refused, and `packer_*` keys allowed as Packer allows them.
 */
export function configJsonSchema(
  config: ConfigSpec<unknown> | z.ZodType,
  options: ConfigJsonSchemaOptions = {},
): Record<string, unknown> {
  const schema = config instanceof z.ZodType ? config : config.schema;
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const target = ctx.jsonSchema as Record<string, unknown>;
      const def = ctx.zodSchema._zod.def as { type: string; defaultValue?: unknown };
      if (def.type === 'default') target.default = def.defaultValue;
      const replacement = annotationOf(ctx.zodSchema)?.jsonSchema;
      if (!replacement) return;
      for (const key of Object.keys(target)) if (key !== 'description' && key !== 'default') delete target[key];
      Object.assign(target, replacement);
    },
  }) as Record<string, unknown>;
  durationDefaults(json);
  if (options.title) json.title = options.title;
  if (!(config instanceof z.ZodType) && !options.title) json.title = config.title;
  if (json.type === 'object') {
    json.properties = { ...(json.properties as object), ...options.extraProperties };
    json.patternProperties = { '^packer_': {} };
  }
  return json;
}
