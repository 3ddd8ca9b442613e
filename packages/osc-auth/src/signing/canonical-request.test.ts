import aws4 from 'aws4';
import { describe, expect, it } from 'vitest';
import { canonicalHeaderValue, canonicalQuery, canonicalRequest, canonicalUri, sha256Hex } from './canonical-request';
import { signRequest } from './sign-request';
import type { SignatureAlgorithm } from './signature-algorithm';
import { verifySignature } from './verify-signature';

const accessKey = 'ABCDEFGHIJ0123456789';
const secretKey = '0123456789ABCDEFGHIJabcdefghij0123456789';
const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const lookupSecretKey = (ak: string) => (ak === accessKey ? secretKey : undefined);
const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function sign(
  url: URL,
  body: string | Uint8Array,
  contentType: string,
  algorithm: SignatureAlgorithm = 'OSC4-HMAC-SHA256',
) {
  return signRequest(
    { method: 'POST', url, headers: { 'Content-Type': contentType }, body },
    { accessKey, secretKey, region: 'eu-west-2', algorithm, now },
  );
}

/** What a server receives: the path and query as sent, Host as the transport writes it, lower-case names. */
function received(url: URL, headers: Record<string, string>, body: string | Uint8Array) {
  const lower: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return { method: 'POST', path: `${url.pathname}${url.search}`, headers: lower, body };
}

const signature = (headers: Record<string, string>) =>
  /Signature=([0-9a-f]{64})/.exec(headers.Authorization ?? '')?.[1];

describe('canonical headers', () => {
  it('trims values and folds inner runs of whitespace to one space', () => {
    expect(canonicalHeaderValue('  application/json;   charset=utf-8 \t ')).toBe('application/json; charset=utf-8');
    expect(canonicalHeaderValue('a\t\tb')).toBe('a b');
  });

  it('signs a messy Content-Type like its folded form, and the verifier agrees', () => {
    const url = new URL('https://api.eu-west-2.outscale.com/api/v1/ReadVms');
    const messy = sign(url, '{}', '  application/json;    charset=utf-8  ');
    const folded = sign(url, '{}', 'application/json; charset=utf-8');
    expect(signature(messy)).toBe(signature(folded));
    expect(messy['Content-Type']).toBe('  application/json;    charset=utf-8  ');
    expect(verifySignature(received(url, messy, '{}'), { lookupSecretKey, now })).toMatchObject({ ok: true });
  });
});

describe('canonical query', () => {
  it.each([
    ['', ''],
    ['?b=2&a=1&a=0', 'a=0&a=1&b=2'],
    ['?q=a%20b&r=*&s=~-_.', 'q=a%20b&r=%2A&s=~-_.'],
    ['?q=a+b', 'q=a%20b'],
    ['?flag', 'flag='],
    ['?%C3%A9=%E2%82%AC', '%C3%A9=%E2%82%AC'],
    ["?x=!'()", 'x=%21%27%28%29'],
  ])('%s -> %s', (search, expected) => {
    expect(canonicalQuery(search)).toBe(expected);
  });
});

describe('canonical URI', () => {
  it.each([
    ['', '/'],
    ['/api/v1/ReadVms', '/api/v1/ReadVms'],
    ['/api/v1/a b', '/api/v1/a%20b'],
    ['/api/v1/a%20b', '/api/v1/a%20b'],
    ['/api/v1/café', '/api/v1/caf%C3%A9'],
    ['/api/v1/caf%C3%A9', '/api/v1/caf%C3%A9'],
    ['/api/v1/100%', '/api/v1/100%25'],
  ])('OSC4 encodes once: %s -> %s', (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });

  it('AWS4 encodes twice, as standard SigV4 requires outside S3', () => {
    expect(canonicalUri('/api/v1/a b', { doubleEncode: true })).toBe('/api/v1/a%2520b');
    expect(canonicalUri('/api/v1/ReadVms', { doubleEncode: true })).toBe('/api/v1/ReadVms');
  });
});

describe('sign then verify across edge cases', () => {
  const urls = [
    'http://127.0.0.1:45123/api/v1/ReadVms',
    'https://api.eu-west-2.outscale.com:8443/api/v1/ReadVms',
    'https://api.eu-west-2.outscale.com/api/v1/ReadVms?b=2&a=1&a=0',
    'https://api.eu-west-2.outscale.com/api/v1/a b/café',
    'https://api.eu-west-2.outscale.com/api/v1/x?q=a%20b&r=*',
  ];
  for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
    for (const text of urls) {
      it(`${algorithm}: ${text}`, () => {
        const url = new URL(text);
        const headers = sign(url, '{"a":1}', 'application/json', algorithm);
        expect(verifySignature(received(url, headers, '{"a":1}'), { lookupSecretKey, now })).toMatchObject({
          ok: true,
        });
        expect(verifySignature(received(url, headers, '{"a":2}'), { lookupSecretKey, now })).toMatchObject({
          ok: false,
          reason: 'signature-mismatch',
        });
      });
    }
  }

  it('signs the non-default port into Host, and a default port not at all', () => {
    const body = '{}';
    const withPort = new URL('https://api.eu-west-2.outscale.com:8443/api/v1/ReadVms');
    const headers = sign(withPort, body, 'application/json');
    const asIfNoPort = received(withPort, headers, body);
    asIfNoPort.headers.host = 'api.eu-west-2.outscale.com';
    expect(verifySignature(asIfNoPort, { lookupSecretKey, now })).toMatchObject({ reason: 'signature-mismatch' });
    const explicit443 = new URL('https://api.eu-west-2.outscale.com:443/api/v1/ReadVms');
    const plain = new URL('https://api.eu-west-2.outscale.com/api/v1/ReadVms');
    expect(signature(sign(explicit443, body, 'application/json'))).toBe(
      signature(sign(plain, body, 'application/json')),
    );
  });

  it('signs an empty body as the hash of nothing, the same for a string and bytes', () => {
    const url = new URL('https://api.eu-west-2.outscale.com/api/v1/ReadRegions');
    expect(sha256Hex('')).toBe(emptySha256);
    expect(
      canonicalRequest({ method: 'post', url, headers: {}, signedHeaders: [], body: new Uint8Array(0) }).endsWith(
        `\n${emptySha256}`,
      ),
    ).toBe(true);
    for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
      const text = sign(url, '', 'application/json', algorithm);
      const bytes = sign(url, new Uint8Array(0), 'application/json', algorithm);
      expect(signature(text)).toBe(signature(bytes));
      expect(verifySignature(received(url, bytes, ''), { lookupSecretKey, now })).toMatchObject({ ok: true });
    }
  });
});

describe('our canonical request equals aws4 (an independent implementation)', () => {
  const cases = [
    '/api/v1/ReadVms',
    '/api/v1/ReadVms?b=2&a=1&a=0',
    '/api/v1/x?q=a%20b&r=*&s=~',
    '/api/v1/a%20b/caf%C3%A9',
    '/api/v1/x?q=a+b&flag',
  ];
  for (const path of cases) {
    it(path, () => {
      const body = '{"k":"v"}';
      const host = 'api.eu-west-2.outscale.com:8443';
      const signer = new aws4.RequestSigner(
        {
          host,
          path,
          method: 'POST',
          service: 'api',
          region: 'eu-west-2',
          body,
          headers: { 'Content-Type': '  application/json;  charset=utf-8', 'X-Amz-Date': '20260102T030405Z' },
          doNotModifyHeaders: true,
        },
        { accessKeyId: accessKey, secretAccessKey: secretKey },
      );
      const ours = canonicalRequest({
        method: 'POST',
        url: new URL(`https://${host}${path}`),
        headers: { 'content-type': '  application/json;  charset=utf-8', host, 'x-amz-date': '20260102T030405Z' },
        signedHeaders: ['content-type', 'host', 'x-amz-date'],
        body,
        doubleEncodePath: true,
      });
      expect(ours).toBe(signer.canonicalString());
    });
  }
});
