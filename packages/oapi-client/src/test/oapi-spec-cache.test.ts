import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OapiSpec, parseOapiSpec } from './oapi-spec';
import { readCachedSpec, writeCachedSpec } from './oapi-spec-cache';

const directory = mkdtempSync(join(tmpdir(), 'oapi-spec-cache-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const text = `
openapi: 3.0.0
info: { version: 1.0.0 }
components:
  schemas:
    PublicIp: { type: object, properties: { VmId: { type: string }, NicId: { type: string }, NicAccountId: { type: string }, PrivateIp: { type: string } } }
    LoadBalancer: { type: object, properties: { PublicIp: { type: string } } }
paths: {}
`;

describe('the parsed-spec cache', () => {
  it('returns what was stored for the same text, and nothing for another text', () => {
    const spec = parseOapiSpec(text);
    expect(readCachedSpec(text, directory)).toBeUndefined();
    writeCachedSpec(text, spec, directory);
    expect(readCachedSpec(text, directory)).toEqual(spec);
    expect(readCachedSpec(`${text}\n`, directory)).toBeUndefined();
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('ignores a malformed entry', () => {
    const other = `${text}# malformed\n`;
    writeCachedSpec(other, { version: 'x' } as unknown as OapiSpec, directory);
    expect(readCachedSpec(other, directory)).toBeUndefined();
  });
});
