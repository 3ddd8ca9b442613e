import { describe, expect, it } from 'vitest';
import { baseUrlOf } from './base-url';

describe('baseUrlOf', () => {
  it('normalises endpoints to a base URL ending in a slash', () => {
    expect(baseUrlOf('https://api.eu-west-2.outscale.com/api/v1').href).toBe(
      'https://api.eu-west-2.outscale.com/api/v1/',
    );
    expect(baseUrlOf('https://api.eu-west-2.outscale.com/api/v1/').href).toBe(
      'https://api.eu-west-2.outscale.com/api/v1/',
    );
    expect(baseUrlOf('https://api.eu-west-2.outscale.com').href).toBe('https://api.eu-west-2.outscale.com/api/v1/');
    expect(baseUrlOf(new URL('http://127.0.0.1:3000/api/v1')).href).toBe('http://127.0.0.1:3000/api/v1/');
  });

  it('rejects what is not an http(s) URL', () => {
    expect(() => baseUrlOf('api.eu-west-2.outscale.com/api/v1')).toThrow(/invalid endpoint/);
    expect(() => baseUrlOf('ftp://x/api/v1')).toThrow(/only http and https/);
  });
});
