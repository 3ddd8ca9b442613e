import { describe, expect, it } from 'vitest';
import { signRequest } from '../signing/sign-request';
import { maskAccessKey } from './mask-access-key';
import { redactFields } from './redact-fields';
import { redactHeaders } from './redact-headers';
import { createSecretScrubber } from './secret-scrubber';

const ak = 'ABCDEFGHIJ0123456789';
const sk = '0123456789ABCDEFGHIJabcdefghij0123456789';
const pem = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBmYWtlZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2UAAAAA',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

describe('maskAccessKey', () => {
  it('shows the first and last four characters of a real-length key', () => {
    expect(maskAccessKey(ak)).toBe('ABCD…6789');
  });
  it('hides short values entirely', () => {
    expect(maskAccessKey('SHORTKEY')).toBe('<sensitive>');
    expect(maskAccessKey('')).toBe('<sensitive>');
  });
});

describe('redactHeaders', () => {
  it('keeps the scheme and scope of a real OSC4 and AWS4 Authorization, hides the signature', () => {
    for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
      const headers = signRequest(
        {
          method: 'POST',
          url: new URL('https://api.eu-west-2.outscale.com/api/v1/ReadVms'),
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        },
        { accessKey: ak, secretKey: sk, region: 'eu-west-2', algorithm, now: new Date(Date.UTC(2026, 0, 2)) },
      );
      const signature = /Signature=([0-9a-f]{64})/.exec(headers.Authorization ?? '')?.[1] ?? 'missing';
      const redacted = redactHeaders(headers);
      const scope = algorithm === 'OSC4-HMAC-SHA256' ? 'osc4_request' : 'aws4_request';
      const date = algorithm === 'OSC4-HMAC-SHA256' ? 'x-osc-date' : 'x-amz-date';
      expect(redacted.Authorization).toBe(
        `${algorithm} Credential=ABCD…6789/20260102/eu-west-2/api/${scope}, ` +
          `SignedHeaders=content-type;host;${date}, Signature=<sensitive>`,
      );
      expect(JSON.stringify(redacted)).not.toContain(signature);
      expect(JSON.stringify(redacted)).not.toContain(ak);
      expect(redacted['Content-Type']).toBe('application/json');
    }
  });

  it('hides Basic credentials, unknown schemes, cookies and proxy credentials; keeps names and arrays', () => {
    const basic = `Basic ${Buffer.from('me@example.com:hunter22').toString('base64')}`;
    expect(
      redactHeaders({
        authorization: basic,
        'Proxy-Authorization': 'Basic abc',
        'Set-Cookie': ['a=1', 'b=2'],
        'X-Request-Id': ['r1', 'r2'],
        'X-Empty': undefined,
      }),
    ).toEqual({
      authorization: 'Basic <sensitive>',
      'Proxy-Authorization': '<sensitive>',
      'Set-Cookie': ['<sensitive>', '<sensitive>'],
      'X-Request-Id': ['r1', 'r2'],
      'X-Empty': undefined,
    });
    expect(redactHeaders({ Authorization: 'Bearer eyJhbGciOi' }).Authorization).toBe('Bearer <sensitive>');
    expect(redactHeaders({ Authorization: '   ' }).Authorization).toBe('<sensitive>');
  });
});

describe('createSecretScrubber', () => {
  it('replaces every secret, in plain, JSON-escaped and URL-encoded spellings', () => {
    const password = 'p"a ss/wo\\rd';
    const scrub = createSecretScrubber([sk, password, '', '   ']);
    const text = `sk=${sk} json=${JSON.stringify({ password })} url=${encodeURIComponent(password)} raw=${password}`;
    const scrubbed = scrub(text);
    expect(scrubbed).toBe('sk=<sensitive> json={"password":"<sensitive>"} url=<sensitive> raw=<sensitive>');
  });

  it('hides a secret that contains another as a whole', () => {
    expect(createSecretScrubber(['abc', 'xxabcxx'])('[xxabcxx] [abc]')).toBe('[<sensitive>] [<sensitive>]');
  });

  it('hides PEM private-key blocks of any kind, also JSON-escaped or cut off, and keeps certificates', () => {
    const scrub = createSecretScrubber([]);
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(scrub(`key:\n${pem}\nafter`)).toBe('key:\n<sensitive>\nafter');
    expect(scrub(JSON.stringify({ Keypair: { PrivateKey: pem } }))).toBe('{"Keypair":{"PrivateKey":"<sensitive>"}}');
    expect(scrub('-----BEGIN RSA PRIVATE KEY-----\nMIIEow partial')).toBe('<sensitive>');
    expect(scrub('-----BEGIN ENCRYPTED PRIVATE KEY-----\nX\n-----END ENCRYPTED PRIVATE KEY-----')).toBe('<sensitive>');
    expect(scrub(cert)).toBe(cert);
  });

  it('treats regular-expression characters in secrets literally', () => {
    expect(createSecretScrubber(['a.b*c'])('a.b*c aXbbc')).toBe('<sensitive> aXbbc');
  });
});

describe('redactFields', () => {
  it('hides secret fields of API bodies and configs, keeps tokens that are not secrets', () => {
    const body = {
      Keypair: { KeypairName: 'packer_1', PrivateKey: pem },
      AdminPassword: 'encrypted-blob',
      AccessKey: { AccessKeyId: ak, SecretKey: sk },
      ClientToken: 'idem-1',
      NextPageToken: 'page-2',
      builders: [{ secret_key: sk, ssh_password: 'hunter22', ssh_private_key_file: '/k', empty_password: '' }],
    };
    expect(redactFields(body)).toEqual({
      Keypair: { KeypairName: 'packer_1', PrivateKey: '<sensitive>' },
      AdminPassword: '<sensitive>',
      AccessKey: { AccessKeyId: ak, SecretKey: '<sensitive>' },
      ClientToken: 'idem-1',
      NextPageToken: 'page-2',
      builders: [
        { secret_key: '<sensitive>', ssh_password: '<sensitive>', ssh_private_key_file: '/k', empty_password: '' },
      ],
    });
    expect(body.AdminPassword).toBe('encrypted-blob');
  });
});
