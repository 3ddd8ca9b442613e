import { describe, expect, it } from 'vitest';
import type { OapiSchema } from './oapi-schema';
import { validateValue } from './validate-value';

const schemas: Record<string, OapiSchema> = {
  Tag: { type: 'object', properties: { Key: { type: 'string' }, Value: { type: 'string' } }, required: ['Key'] },
  Thing: {
    type: 'object',
    properties: {
      Id: { type: 'string', pattern: '^t-[0-9a-f]+$', maxLength: 10 },
      Size: { type: 'integer' },
      Ratio: { type: 'number' },
      When: { type: 'string', format: 'date-time' },
      Day: { type: 'string', format: 'date' },
      Since: {
        oneOf: [
          { type: 'string', format: 'date' },
          { type: 'string', format: 'date-time' },
        ],
      },
      Tags: { type: 'array', items: { ref: 'Tag' } },
      Note: { type: 'string', nullable: true },
    },
  },
};
const check = (value: unknown) => validateValue(schemas, { ref: 'Thing' }, value);

describe('validateValue', () => {
  it('accepts a conforming value', () => {
    const value = {
      Id: 't-0a',
      Size: 3,
      Ratio: 0.5,
      When: '2026-01-02T03:04:05.000Z',
      Day: '2026-01-02',
      Since: '2026-01-02T03:04:05+01:00',
      Tags: [{ Key: 'k' }],
      Note: null,
    };
    expect(check(value)).toEqual([]);
  });

  it('reports every problem with its JSON path', () => {
    const value = { Id: 't-XYZ', Size: 2.5, Ratio: Number.NaN, Tags: [{ Value: 'v' }, 'x'], Extra: true };
    expect(check(value)).toEqual([
      '$.Id: "t-XYZ" does not match ^t-[0-9a-f]+$',
      '$.Size: expected integer, got number 2.5',
      '$.Ratio: expected number, got number NaN',
      '$.Tags[0].Key: missing required property',
      '$.Tags[1]: expected object, got string',
      '$.Extra: unknown property',
    ]);
  });

  it('checks formats, lengths and oneOf members', () => {
    expect(check({ When: '2026-01-02', Day: '2026-01-02T00:00:00Z', Since: 'soon', Id: 't-0123456789' })).toEqual([
      '$.When: "2026-01-02" is not an ISO 8601 date-time',
      '$.Day: "2026-01-02T00:00:00Z" is not an ISO 8601 date',
      '$.Since: matches none of the allowed forms (string)',
      '$.Id: longer than 10 characters',
    ]);
  });

  it('rejects null unless the property is nullable, and treats undefined as absent', () => {
    expect(check({ Size: null, Note: null, Ratio: undefined })).toEqual(['$.Size: null is not allowed']);
    expect(check(null)).toEqual(['$: null is not allowed']);
  });

  it('reports a reference to a schema that does not exist', () => {
    expect(validateValue(schemas, { ref: 'Nope' }, {})).toEqual(['$: unknown schema Nope']);
  });
});
