import { z } from 'zod';
import { annotate } from './field-annotations';

/** The outcome of converting a raw template value: the value for the inner schema, or why it is not allowed. */
export type Coercion = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A schema that converts raw template values (Packer's weak typing) before validating them with `inner`.
 * `jsonSchema` is what editors should accept for the field (the raw forms), used by configJsonSchema.
 * With `emptyIsUnset`, decodeConfig treats an empty string as an absent key (so defaults apply).
 */
export function coercedField<T extends z.ZodType>(
  convert: (value: unknown) => Coercion,
  inner: T,
  jsonSchema: Record<string, unknown>,
  options: { emptyIsUnset?: boolean } = {},
) {
  const schema = z
    .any()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const result = convert(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    })
    .pipe(inner);
  return annotate(schema, { jsonSchema, emptyIsUnset: options.emptyIsUnset });
}

/** Describes a rejected raw value briefly for messages: `"abc"`, `12`, `an object`, `a list`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
