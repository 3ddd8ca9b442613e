import { errors } from '../api/errors';
import { matchesWildcard } from './wildcard';

/** A value a resource exposes to a filter. */
export type FilterValue = string | number | boolean | undefined;

/**
 * How one filter of a `Filters*` object matches a resource:
 * - `strings`: the filter is a list; the resource matches when one of its values equals one listed
 *   (with `*`/`?` wildcards when `wildcard` is set);
 * - `integers`: the same for numbers;
 * - `dates`: a list of dates or days (`2026-01-02`); a resource matches when its date falls on one;
 * - `boolean`: the filter is true/false and the resource's value must equal it;
 * - `tags`: `Tags: ["key=value"]`, `TagKeys`, `TagValues` against the resource's tags;
 * - `from`/`to`: a date-time bound on the resource's value.
 */
export type FilterField<R> =
  | { type: 'strings'; wildcard?: boolean; values: (resource: R) => readonly FilterValue[] }
  | { type: 'integers'; values: (resource: R) => readonly FilterValue[] }
  | { type: 'dates'; values: (resource: R) => readonly (Date | undefined)[] }
  | { type: 'boolean'; values: (resource: R) => readonly FilterValue[] }
  | { type: 'tags' | 'tagKeys' | 'tagValues'; tags: (resource: R) => ReadonlyMap<string, string> }
  | { type: 'from' | 'to'; value: (resource: R) => string | undefined };

/** Every filter a `Filters*` schema defines, by its wire name. */
export type FilterTable<R> = Readonly<Record<string, FilterField<R>>>;

/** The three tag filters most `Filters*` schemas share. */
export function tagFilters<R>(tags: (resource: R) => ReadonlyMap<string, string>): FilterTable<R> {
  return {
    Tags: { type: 'tags', tags },
    TagKeys: { type: 'tagKeys', tags },
    TagValues: { type: 'tagValues', tags },
  };
}

type Predicate<R> = (resource: R) => boolean;

function listOf(name: string, value: unknown, item: 'string' | 'number'): readonly (string | number)[] {
  if (!Array.isArray(value)) throw errors.invalidParameterType(`Filters.${name}`, `an array of ${item}s`);
  for (const entry of value) {
    if (typeof entry !== item || (item === 'number' && !Number.isInteger(entry))) {
      throw errors.invalidParameterType(`Filters.${name}`, `an array of ${item === 'number' ? 'integer' : item}s`);
    }
  }
  return value as (string | number)[];
}

function tagPredicate(field: 'tags' | 'tagKeys' | 'tagValues', wanted: readonly string[]) {
  return (tags: ReadonlyMap<string, string>): boolean =>
    wanted.some((entry) => {
      if (field === 'tagKeys') return [...tags.keys()].some((key) => matchesWildcard(entry, key));
      if (field === 'tagValues') return [...tags.values()].some((value) => matchesWildcard(entry, value));
      const separator = entry.indexOf('=');
      const key = separator < 0 ? entry : entry.slice(0, separator);
      const value = separator < 0 ? undefined : entry.slice(separator + 1);
      return [...tags].some(([k, v]) => matchesWildcard(key, k) && (value === undefined || matchesWildcard(value, v)));
    });
}

function predicateFor<R>(name: string, field: FilterField<R>, value: unknown): Predicate<R> {
  switch (field.type) {
    case 'strings': {
      const wanted = listOf(name, value, 'string') as string[];
      const match = field.wildcard ? matchesWildcard : (a: string, b: string) => a === b;
      return (r) => field.values(r).some((v) => typeof v === 'string' && wanted.some((w) => match(w, v)));
    }
    case 'integers': {
      const wanted = listOf(name, value, 'number');
      return (r) => field.values(r).some((v) => typeof v === 'number' && wanted.includes(v));
    }
    case 'dates': {
      const wanted = listOf(name, value, 'string') as string[];
      const matches = (date: Date) =>
        wanted.some((w) => date.toISOString().startsWith(w) || Date.parse(w) === date.getTime());
      return (r) => field.values(r).some((v) => v !== undefined && matches(v));
    }
    case 'boolean': {
      if (typeof value !== 'boolean') throw errors.invalidParameterType(`Filters.${name}`, 'a boolean');
      return (r) => field.values(r).some((v) => v === value);
    }
    case 'from':
    case 'to': {
      const bound = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(bound)) throw errors.invalidParameterValue(`Filters.${name}`, value);
      return (r) => {
        const at = Date.parse(field.value(r) ?? '');
        return !Number.isNaN(at) && (field.type === 'from' ? at >= bound : at <= bound);
      };
    }
    default: {
      const matches = tagPredicate(field.type, listOf(name, value, 'string') as string[]);
      return (r) => matches(field.tags(r));
    }
  }
}

/**
 * Applies a `Filters` object to resources: values of one filter are alternatives (OR), filters combine
 * with AND. An unknown filter name or a value of the wrong type is refused as the API refuses it.
 */
export function applyFilters<R>(resources: readonly R[], filters: unknown, table: FilterTable<R>): R[] {
  if (filters === undefined) return [...resources];
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    throw errors.invalidParameterType('Filters', 'an object');
  }
  const predicates = Object.entries(filters).map(([name, value]) => {
    const field = table[name];
    if (!field) throw errors.unknownParameter(`Filters.${name}`);
    return predicateFor(name, field, value);
  });
  return resources.filter((resource) => predicates.every((predicate) => predicate(resource)));
}
