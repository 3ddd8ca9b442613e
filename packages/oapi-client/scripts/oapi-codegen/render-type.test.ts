import { describe, expect, it } from 'vitest';
import type { OapiSchema } from '../../src/test/oapi-schema';
import { renderKey, renderType } from './render-type';

describe('renderType', () => {
  it('renders scalars, refs, arrays and nullables', () => {
    expect(renderType({ type: 'string', format: 'date-time' })).toBe('string');
    expect(renderType({ type: 'string', format: 'byte' })).toBe('string');
    expect(renderType({ type: 'integer', format: 'int64' })).toBe('number');
    expect(renderType({ type: 'boolean' })).toBe('boolean');
    expect(renderType({ ref: 'Vm' })).toBe('Vm');
    expect(renderType({ type: 'array', items: { ref: 'Tag' } })).toBe('Tag[]');
    expect(renderType({ type: 'string', nullable: true })).toBe('string | null');
  });

  it('renders enums as literal unions, parenthesised inside arrays', () => {
    expect(renderType({ type: 'string', enum: ['uefi', "it's"] })).toBe("'uefi' | 'it\\'s'");
    expect(renderType({ type: 'integer', enum: [1500] })).toBe('1500');
    expect(renderType({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } })).toBe("('a' | 'b')[]");
  });

  it('merges oneOf members that render alike', () => {
    const dateOrDateTime: OapiSchema = {
      oneOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time' },
      ],
    };
    expect(renderType(dateOrDateTime)).toBe('string');
  });

  it('quotes keys that are not identifiers', () => {
    expect(renderKey('VmId')).toBe('VmId');
    expect(renderKey('x-osc')).toBe("'x-osc'");
  });
});
