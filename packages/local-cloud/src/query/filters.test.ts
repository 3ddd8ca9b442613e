import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { applyFilters, type FilterTable, tagFilters } from './filters';
import { paginate } from './pagination';
import { matchesWildcard } from './wildcard';

interface Thing {
  id: string;
  name: string;
  size: number;
  shared: boolean;
  created: string;
  tags: Map<string, string>;
}

const table: FilterTable<Thing> = {
  Ids: { type: 'strings', values: (t) => [t.id] },
  Names: { type: 'strings', wildcard: true, values: (t) => [t.name] },
  Sizes: { type: 'integers', values: (t) => [t.size] },
  Shared: { type: 'boolean', values: (t) => [t.shared] },
  FromCreationDate: { type: 'from', value: (t) => t.created },
  ...tagFilters((t: Thing) => t.tags),
};

const things: Thing[] = [
  {
    id: 'a',
    name: 'Debian-12-2026',
    size: 10,
    shared: true,
    created: '2026-01-01T00:00:00Z',
    tags: new Map([['env', 'prod']]),
  },
  {
    id: 'b',
    name: 'Debian-11-2024',
    size: 20,
    shared: false,
    created: '2026-02-01T00:00:00Z',
    tags: new Map([['env', 'dev']]),
  },
  { id: 'c', name: 'Ubuntu-24', size: 10, shared: false, created: '2026-03-01T00:00:00Z', tags: new Map() },
];
const ids = (found: Thing[]) => found.map((t) => t.id);

describe('filters', () => {
  it('matches wildcards only where the API allows them', () => {
    expect(matchesWildcard('Debian-12-*', 'Debian-12-2026')).toBe(true);
    expect(matchesWildcard('Deb?an*', 'Debian-11')).toBe(true);
    expect(matchesWildcard('a.b', 'axb')).toBe(false);
    expect(ids(applyFilters(things, { Names: ['Debian-*'] }, table))).toEqual(['a', 'b']);
    expect(ids(applyFilters(things, { Ids: ['*'] }, table))).toEqual([]);
  });

  it('ORs the values of one filter and ANDs filters', () => {
    expect(ids(applyFilters(things, { Ids: ['a', 'c'], Sizes: [10] }, table))).toEqual(['a', 'c']);
    expect(ids(applyFilters(things, { Ids: ['a', 'c'], Shared: false }, table))).toEqual(['c']);
    expect(ids(applyFilters(things, { FromCreationDate: '2026-01-15T00:00:00Z' }, table))).toEqual(['b', 'c']);
  });

  it('filters on tags by key=value, key and value', () => {
    expect(ids(applyFilters(things, { Tags: ['env=prod'] }, table))).toEqual(['a']);
    expect(ids(applyFilters(things, { TagKeys: ['env'] }, table))).toEqual(['a', 'b']);
    expect(ids(applyFilters(things, { TagValues: ['dev', 'prod'] }, table))).toEqual(['a', 'b']);
  });

  it('refuses unknown filters and wrongly typed values', () => {
    expect(() => applyFilters(things, { Colors: ['red'] }, table)).toThrow(ApiError);
    expect(() => applyFilters(things, { Ids: 'a' }, table)).toThrow(/array of strings/);
    expect(() => applyFilters(things, { Shared: 'yes' }, table)).toThrow(/boolean/);
  });
});

describe('pagination', () => {
  const items = Array.from({ length: 5 }, (_, i) => i);

  it('returns everything without ResultsPerPage, and pages with tokens otherwise', () => {
    expect(paginate(items, 'ReadThings', {})).toEqual({ items });
    const first = paginate(items, 'ReadThings', { ResultsPerPage: 2, Filters: { A: 1 } });
    expect(first.items).toEqual([0, 1]);
    expect(first.nextPageToken).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const second = paginate(items, 'ReadThings', {
      ResultsPerPage: 2,
      Filters: { A: 1 },
      NextPageToken: first.nextPageToken,
    });
    expect(second.items).toEqual([2, 3]);
    const last = paginate(items, 'ReadThings', {
      ResultsPerPage: 2,
      Filters: { A: 1 },
      NextPageToken: second.nextPageToken,
    });
    expect(last).toEqual({ items: [4] });
  });

  it('refuses a page size outside 1-1000 and a token from another request', () => {
    expect(() => paginate(items, 'ReadThings', { ResultsPerPage: 0 })).toThrow(ApiError);
    expect(() => paginate(items, 'ReadThings', { ResultsPerPage: 1001 })).toThrow(ApiError);
    const token = paginate(items, 'ReadThings', { ResultsPerPage: 2 }).nextPageToken;
    expect(() => paginate(items, 'ReadThings', { ResultsPerPage: 2, Filters: { B: 1 }, NextPageToken: token })).toThrow(
      /does not belong/,
    );
    expect(() => paginate(items, 'ReadThings', { NextPageToken: 'garbage' })).toThrow(ApiError);
  });

  it('applies an operation default page size', () => {
    expect(paginate(items, 'ReadKeypairs', {}, 3).items).toEqual([0, 1, 2]);
  });
});
