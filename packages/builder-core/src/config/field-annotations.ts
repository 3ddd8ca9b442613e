import type { z } from 'zod';

/** What a field helper records about a schema beyond zod's own: its JSON Schema form and whether it is secret. */
export interface FieldAnnotation {
  /** Replaces what zod would generate for the field (zod cannot see through the weak-typing transforms). */
  jsonSchema?: Record<string, unknown>;
  /** The value is a secret: never shown in errors, and reported in `secrets` by decodeConfig. */
  sensitive?: boolean;
  /** An empty string means "not set" (an unset variable): decodeConfig drops the key so defaults apply. */
  emptyIsUnset?: boolean;
}

// Keyed by the schema's definition, which zod shares between a schema and its `.describe()`/`.meta()` copies.
const annotations = new WeakMap<object, FieldAnnotation>();

/** Records an annotation on a schema (and the copies `.describe()` makes of it) and returns the schema. */
export function annotate<S extends z.ZodType>(schema: S, annotation: FieldAnnotation): S {
  annotations.set(schema._zod.def, { ...annotations.get(schema._zod.def), ...annotation });
  return schema;
}

/** The annotation recorded on a schema, if any. */
export function annotationOf(schema: z.core.$ZodType): FieldAnnotation | undefined {
  return annotations.get(schema._zod.def);
}

/**
 * Marks a field as secret (passwords, secret keys, private keys): decode errors never quote its value, and
 * decodeConfig returns its value in `secrets` so the UI can scrub it from everything it prints.
 */
export function sensitive<S extends z.ZodType>(schema: S): S {
  return annotate(schema, { sensitive: true });
}
