import { didYouMean, stringMap, weakString } from '@osc-packer/builder-core';
import { z } from 'zod';

/** What a filter value must look like, checked at prepare: any text, a boolean (`"true"`), or an integer. */
export type FilterValueKind = 'text' | 'boolean' | 'integer';

/** One filter name users may write, the API filter field it maps to, and the kind of its value. */
export interface FilterKey<Field extends string = string> {
  readonly field: Field;
  readonly kind?: FilterValueKind;
  /** A documented but non-canonical spelling: accepted, with a warning naming `canonical`. */
  readonly canonical?: string;
}

/** The filter names a filter block accepts, e.g. `{ 'image-name': { field: 'ImageNames' } }`. */
export type FilterKeys<Field extends string = string> = Readonly<Record<string, FilterKey<Field>>>;

const booleanValues = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's ParseBool spellings, as Packer parses `is-default`. */
export function parseFilterBoolean(value: string): boolean | undefined {
  const text = value.trim();
  if (!booleanValues.has(text)) return undefined;
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text);
}

function valueProblem(kind: FilterValueKind | undefined, value: string): string | undefined {
  if (kind === 'boolean' && parseFilterBoolean(value) === undefined) {
    return `must be true or false (got ${JSON.stringify(value)})`;
  }
  if (kind === 'integer' && !/^\s*\d+\s*$/.test(value)) {
    return `must be a whole number (got ${JSON.stringify(value)})`;
  }
  return undefined;
}

function nameProblem(name: string, keys: FilterKeys, blockKey: string): string | undefined {
  if (Object.hasOwn(keys, name)) return undefined;
  const names = Object.keys(keys);
  const suggestion = didYouMean(name, names);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : '';
  return `${JSON.stringify(name)} is not a filter of ${blockKey}; ${hint}accepted: ${names.join(', ')}`;
}

/** The raw keys of a filter block: the `filters` map and repeated `filter { name, value }` entries. */
function nameValueFilterFields(blockKey: string, keys: FilterKeys) {
  const accepted = Object.keys(keys)
    .map((name) => `\`${name}\``)
    .join(', ');
  return {
    filters: stringMap()
      .optional()
      .describe(`Filters as a map of filter name to value (wildcards \`*\` allowed). Accepted names: ${accepted}.`),
    filter: z
      .array(
        z.strictObject({
          name: weakString().describe('Filter name (see `filters`).'),
          value: weakString().describe('Filter value.'),
        }),
      )
      .optional()
      .describe(
        `Filters as repeated \`{ "name": ..., "value": ... }\` entries, merged into \`filters\` (${blockKey}).`,
      ),
  };
}

interface RawFilter {
  filters?: Record<string, string> | undefined;
  filter?: readonly { name: string; value: string }[] | undefined;
}

/**
 * Checks every filter name and value of a filter block, reporting unknown names (with a suggestion and the
 * accepted list) at their own key path: `filters["foo"]` or `filter[1].name`.
 */
function checkFilterNames(
  raw: unknown,
  keys: FilterKeys,
  blockKey: string,
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  if (!raw || typeof raw !== 'object') return;
  const { filters, filter } = raw as RawFilter;
  if (filters && typeof filters === 'object') {
    for (const [name, value] of Object.entries(filters)) {
      const problem = nameProblem(name, keys, blockKey);
      if (problem) addIssue(['filters', name], problem);
      else if (typeof value === 'string') {
        const bad = valueProblem(keys[name]?.kind, value);
        if (bad) addIssue(['filters', name], bad);
      }
    }
  }
  if (!Array.isArray(filter)) return;
  for (const [index, entry] of filter.entries()) {
    if (!entry || typeof entry.name !== 'string') continue;
    const problem = nameProblem(entry.name, keys, blockKey);
    if (problem) addIssue(['filter', index, 'name'], problem);
    else if (typeof entry.value === 'string') {
      const bad = valueProblem(keys[entry.name]?.kind, entry.value);
      if (bad) addIssue(['filter', index, 'value'], bad);
    }
  }
}

/**
 * Merges the `filter` entries into the `filters` map as Packer does (an entry wins over the map), keyed by the
 * canonical name of each filter. Call on a decoded (valid) block.
 */
export function mergeFilters(raw: RawFilter, keys: FilterKeys): Record<string, string> {
  const merged: Record<string, string> = {};
  const put = (name: string, value: string) => {
    merged[keys[name]?.canonical ?? name] = value;
  };
  for (const [name, value] of Object.entries(raw.filters ?? {})) put(name, value);
  for (const { name, value } of raw.filter ?? []) put(name, value);
  return merged;
}

/** The non-canonical filter names a block uses, as warnings (`name` → `image-name`). */
export function filterSpellingWarnings(raw: RawFilter, keys: FilterKeys, blockKey: string): string[] {
  const names = [...Object.keys(raw.filters ?? {}), ...(raw.filter ?? []).map((entry) => entry.name)];
  return [...new Set(names)].flatMap((name) => {
    const canonical = keys[name]?.canonical;
    return canonical ? [`${blockKey}: filter "${name}" is read as "${canonical}"; write "${canonical}"`] : [];
  });
}

/**
 * A filter block's schema: `filters` and `filter` (plus `extra` keys such as `owners`), with every filter name
 * and value checked even when other keys of the configuration are wrong.
 */
export function nameValueFilterSchema<Extra extends z.core.$ZodLooseShape>(
  blockKey: string,
  keys: FilterKeys,
  extra: Extra,
) {
  return z.strictObject({ ...nameValueFilterFields(blockKey, keys), ...extra }).superRefine(
    (value, ctx) => {
      checkFilterNames(value, keys, blockKey, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
    },
    { when: () => true },
  );
}
