import type { z } from 'zod';
import { annotationOf, type FieldAnnotation } from './field-annotations';
import type { KeyPath } from './key-path';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** The schemas a value is checked against, outermost first: wrappers (optional, default, pipes) unwrapped. */
function unwrapSchema(schema: z.ZodType): z.ZodType[] {
  const chain = [schema];
  for (let current = schema; ; ) {
    const def = defOf(current);
    let next: z.ZodType | undefined;
    if (wrappers.has(def.type)) next = def.innerType;
    else if (def.type === 'lazy') next = def.getter?.();
    // A pipe's structure is on its output side, unless the output is a bare transform.
    else if (def.type === 'pipe') next = def.out && defOf(def.out).type !== 'transform' ? def.out : def.in;
    if (!next || chain.includes(next)) return chain;
    chain.push(next);
    current = next;
  }
}

function childOf(schema: z.ZodType, segment: string | number | symbol): z.ZodType[] {
  const children: z.ZodType[] = [];
  for (const layer of unwrapSchema(schema)) {
    const def = defOf(layer);
    if (def.type === 'object' && typeof segment === 'string') {
      const child = def.shape?.[segment] ?? def.catchall;
      if (child) children.push(child);
    } else if (def.type === 'array' && typeof segment === 'number' && def.element) children.push(def.element);
    else if (def.type === 'record' && def.valueType) children.push(def.valueType);
    else if (def.type === 'union') children.push(...(def.options ?? []).flatMap((option) => childOf(option, segment)));
    else if (def.type === 'intersection') {
      for (const side of [def.left, def.right]) if (side) children.push(...childOf(side, segment));
    }
  }
  return children;
}

/** The schemas that check the value at `path` (several when unions are involved; none when nothing does). */
function schemasAt(root: z.ZodType, path: KeyPath): z.ZodType[] {
  let current = [root];
  for (const segment of path) current = current.flatMap((schema) => childOf(schema, segment));
  return current;
}

/** The keys an object at `path` accepts, for "did you mean" suggestions. */
export function knownKeysAt(root: z.ZodType, path: KeyPath): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(root, path)) {
    for (const layer of unwrapSchema(schema)) {
      const def = defOf(layer);
      if (def.type === 'object') for (const key of Object.keys(def.shape ?? {})) keys.add(key);
      if (def.type === 'union')
        for (const option of def.options ?? []) for (const key of knownKeysAt(option, [])) keys.add(key);
    }
  }
  return [...keys];
}

/** The annotations (sensitive, JSON Schema) on the schemas at `path`, merged. */
export function annotationAt(root: z.ZodType, path: KeyPath): FieldAnnotation {
  const merged: FieldAnnotation = {};
  for (const schema of schemasAt(root, path)) {
    for (const layer of unwrapSchema(schema)) Object.assign(merged, annotationOf(layer));
  }
  return merged;
}
