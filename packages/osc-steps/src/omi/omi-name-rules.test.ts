import { describe, expect, it } from 'vitest';
import { omiNameProblems } from './omi-name-rules';

describe('omiNameProblems', () => {
  it('accepts a valid name', () => {
    expect(omiNameProblems("debian-12 (build 7) [x].v1/a@b_c'd")).toEqual([]);
  });

  it('rejects names shorter than 3 or longer than 128 bytes', () => {
    expect(omiNameProblems('ab')).toEqual(['must be between 3 and 128 characters long (it has 2)']);
    expect(omiNameProblems('a'.repeat(129))).toEqual(['must be between 3 and 128 characters long (it has 129)']);
    expect(omiNameProblems('a'.repeat(128))).toEqual([]);
  });

  it('rejects other characters and says how to clean them', () => {
    const [problem] = omiNameProblems('name:with:colons');
    expect(problem).toContain('clean_resource_name');
  });

  it('counts bytes, not characters', () => {
    expect(omiNameProblems('é')).toHaveLength(2);
  });
});
