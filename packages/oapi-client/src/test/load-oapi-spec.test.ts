import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOapiSpecPath, loadOapiSpec } from './load-oapi-spec';

const root = mkdtempSync(join(tmpdir(), 'oapi-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const miniSpec = `
openapi: 3.0.0
info: { version: 9.9.9 }
components:
  schemas:
    PublicIp: { type: object, additionalProperties: false, properties: { VmId: { type: string }, NicId: { type: string }, NicAccountId: { type: string }, PrivateIp: { type: string } } }
    LoadBalancer: { type: object, additionalProperties: false, properties: { PublicIp: { type: string } } }
    PingRequest: { type: object, additionalProperties: false, properties: { DryRun: { type: boolean } } }
    PingResponse: { type: object, additionalProperties: false, properties: { Ip: { $ref: '#/components/schemas/PublicIp' } } }
paths:
  /Ping:
    post:
      operationId: Ping
      security: []
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/PingRequest' } } } }
      responses:
        '200':
          content:
            application/json:
              schema: { $ref: '#/components/schemas/PingResponse' }
              examples: { ex1: { value: { Ip: { VmId: null } } } }
`;

describe('findOapiSpecPath', () => {
  it('finds shared/oapi/outscale.yaml beside the repository root above the start directory', () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'packages', 'x'), { recursive: true });
    mkdirSync(join(root, 'shared', 'oapi'), { recursive: true });
    writeFileSync(join(repo, 'pnpm-workspace.yaml'), 'packages: []\n');
    expect(findOapiSpecPath(join(repo, 'packages', 'x'))).toBeUndefined();
    writeFileSync(join(root, 'shared', 'oapi', 'outscale.yaml'), miniSpec);
    expect(findOapiSpecPath(join(repo, 'packages', 'x'))).toBe(join(root, 'shared', 'oapi', 'outscale.yaml'));
  });

  it('returns undefined outside any repository', () => {
    expect(findOapiSpecPath(tmpdir())).toBeUndefined();
  });
});

describe('loadOapiSpec', () => {
  it('reads operations, security, examples and applies the 1.41 overlay', () => {
    const file = join(root, 'mini.yaml');
    writeFileSync(file, miniSpec);
    const spec = loadOapiSpec(file);
    expect(spec.version).toBe('9.9.9');
    expect(spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(spec.operations.Ping).toMatchObject({
      request: 'PingRequest',
      responses: { '200': 'PingResponse' },
      authenticated: false,
      responseExamples: { '200': { ex1: { Ip: { VmId: null } } } },
    });
    expect(spec.schemas.PublicIp?.properties?.VmId).toEqual({ type: 'string', nullable: true });
    expect(spec.overlays).toHaveLength(1);
  });

  it('throws an error that says where it looked when the file is absent', () => {
    const missing = join(root, 'nope', 'outscale.yaml');
    expect(() => loadOapiSpec(missing)).toThrow(`Outscale API description not found at ${missing}`);
  });

  it('refuses schema keywords it cannot honour instead of ignoring them', () => {
    const file = join(root, 'allof.yaml');
    writeFileSync(file, miniSpec.replace('PingRequest: { type: object,', 'PingRequest: { allOf: [], type: object,'));
    expect(() => loadOapiSpec(file)).toThrow('PingRequest: unsupported schema keyword allOf');
  });

  it('refuses a spec the overlay no longer fits', () => {
    const file = join(root, 'old.yaml');
    writeFileSync(file, miniSpec.replace('NicAccountId: { type: string }, ', ''));
    expect(() => loadOapiSpec(file)).toThrow('1.41 overlay: PublicIp.NicAccountId is missing from the spec');
  });
});
