import { describe, expect, it } from 'vitest';
import { canonicalRequest, sha256Hex } from './canonical-request';
import { signRequest } from './sign-request';
import { algorithmNames } from './signature-algorithm';
import { deriveSigningKey } from './signing-key';
import { verifySignature } from './verify-signature';

// Known-answer vectors from shared/spec/oapi-facts.md section 3.5 (checked there against osc-sdk-python,
// curl --aws-sigv4 and aws4).
const accessKey = 'ABCDEFGHIJ0123456789';
const secretKey = '0123456789ABCDEFGHIJabcdefghij0123456789';
const region = 'eu-west-2';
const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const host = 'https://api.eu-west-2.outscale.com';

const vectors = [
  {
    name: 'A',
    path: '/api/v1/ReadVms',
    body: '{"Filters":{"VmStateNames":["running"]}}',
    contentType: 'application/json',
    osc4: 'b200368344275f9e63f30e3a7e333e1bc269c512e3371a7ca8fb8b7aff665501',
    aws4: 'ff85b246bb33f82736f46146c776fc6cdc5507e16c2a866368eb2d8f9e03fd42',
  },
  {
    name: 'B',
    path: '/api/v1/ReadVms',
    body: '{"Filters":{"VmStateNames":["running"]}}',
    contentType: 'application/json; charset=utf-8',
    osc4: '5c7944b7fe511cbdd38cf17f9599ae7f510718c06ec265638b6e797f764fd994',
    aws4: '9701910505f00b3ad15f83fc2f6b880c2327d787559802454a3d6f6cf31b70f9',
  },
  {
    name: 'C',
    path: '/api/v1/ReadAccounts',
    body: '{}',
    contentType: 'application/json',
    osc4: '7c049212823a3189d04457ed44bd397eb0135a2513f7e32c329dfd5ffb424cfa',
    aws4: 'ba125c753086c99ba6ff5d3133daa3c647a7551285fe0c6756e753dfb79e1726',
  },
];

describe('known-answer vectors', () => {
  it('derives the published OSC4 and AWS4 signing keys', () => {
    const osc4 = deriveSigningKey(algorithmNames('OSC4-HMAC-SHA256'), secretKey, '20260102', region, 'api');
    const aws4 = deriveSigningKey(algorithmNames('AWS4-HMAC-SHA256'), secretKey, '20260102', region, 'api');
    expect(osc4.toString('hex')).toBe('2a1eb5124ec085deb34d8162e1883f824e1831c3ea46c641ac28d72326641501');
    expect(aws4.toString('hex')).toBe('20e10699275740c9251bed8c6905ea05f3785620e914f7a241a1517be6c4ca84');
  });

  it('builds the published canonical request for vector A', () => {
    const canonical = canonicalRequest({
      method: 'POST',
      url: new URL(`${host}/api/v1/ReadVms`),
      headers: {
        'content-type': 'application/json',
        host: 'api.eu-west-2.outscale.com',
        'x-osc-date': '20260102T030405Z',
      },
      signedHeaders: ['content-type', 'host', 'x-osc-date'],
      body: vectors[0]?.body ?? '',
    });
    expect(sha256Hex(canonical)).toBe('ab27600ede7852de8e3417ed451db150ec94deec23c1fe36fd398583f35ea1b6');
  });

  for (const v of vectors) {
    for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
      it(`signs vector ${v.name} with ${algorithm}`, () => {
        const headers = signRequest(
          {
            method: 'POST',
            url: new URL(`${host}${v.path}`),
            headers: { 'Content-Type': v.contentType },
            body: v.body,
          },
          { accessKey, secretKey, region, algorithm, now },
        );
        const expected = algorithm === 'OSC4-HMAC-SHA256' ? v.osc4 : v.aws4;
        const prefix = algorithm === 'OSC4-HMAC-SHA256' ? 'osc4' : 'aws4';
        const dateHeader = algorithm === 'OSC4-HMAC-SHA256' ? 'x-osc-date' : 'x-amz-date';
        expect(headers.Authorization).toBe(
          `${algorithm} Credential=${accessKey}/20260102/eu-west-2/api/${prefix}_request, ` +
            `SignedHeaders=content-type;host;${dateHeader}, Signature=${expected}`,
        );
      });
    }
  }
});

describe('sign then verify', () => {
  const lookupSecretKey = (ak: string) => (ak === accessKey ? secretKey : undefined);

  function signed(algorithm: 'OSC4-HMAC-SHA256' | 'AWS4-HMAC-SHA256', body: string) {
    const url = new URL('http://127.0.0.1:45123/api/v1/CreateVms');
    const headers = signRequest(
      { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body },
      { accessKey, secretKey, region, algorithm, now },
    );
    const lower: Record<string, string> = { host: url.host };
    for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
    return { method: 'POST', path: url.pathname, headers: lower };
  }

  for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
    it(`accepts an intact ${algorithm} request and rejects a one-byte body change`, () => {
      const body = '{"ImageId":"ami-12345678"}';
      const request = signed(algorithm, body);
      expect(verifySignature({ ...request, body }, { lookupSecretKey, now })).toMatchObject({
        ok: true,
        accessKey,
        region,
        service: 'api',
        algorithm,
      });
      const tampered = body.replace('1', '2');
      expect(verifySignature({ ...request, body: tampered }, { lookupSecretKey, now })).toMatchObject({
        ok: false,
        reason: 'signature-mismatch',
      });
    });
  }

  it('reports clock skew separately from a bad signature', () => {
    const body = '{}';
    const request = signed('OSC4-HMAC-SHA256', body);
    const later = new Date(now.getTime() + 6 * 60_000);
    expect(verifySignature({ ...request, body }, { lookupSecretKey, now: later })).toMatchObject({
      ok: false,
      reason: 'request-expired',
      signedAt: now,
    });
  });

  it('rejects unknown keys and missing headers with a reason', () => {
    const body = '{}';
    const request = signed('OSC4-HMAC-SHA256', body);
    expect(verifySignature({ ...request, body }, { lookupSecretKey: () => undefined, now })).toMatchObject({
      reason: 'unknown-access-key',
    });
    const { authorization: _, ...withoutAuth } = request.headers;
    expect(verifySignature({ ...request, headers: withoutAuth, body }, { lookupSecretKey, now })).toMatchObject({
      reason: 'missing-authorization',
    });
  });
});
