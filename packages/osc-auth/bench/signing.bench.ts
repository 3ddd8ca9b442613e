import { createHash } from 'node:crypto';
import { bench, describe } from 'vitest';
import { signRequest } from '../src/signing/sign-request';
import { verifySignature } from '../src/signing/verify-signature';

// Per-request cost of signing, against the floor of hashing the body once (the baseline in this run).
const url = new URL('https://api.eu-west-2.outscale.com/api/v1/ReadVms');
const body = JSON.stringify({
  Filters: { VmStateNames: ['running'], TagKeys: Array.from({ length: 20 }, (_, i) => `k${i}`) },
});
const keys = {
  accessKey: 'ABCDEFGHIJ0123456789',
  secretKey: '0123456789ABCDEFGHIJabcdefghij0123456789',
  region: 'eu-west-2',
};
const request = { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body };
const signed = signRequest(request, keys);
const received = {
  method: 'POST',
  path: url.pathname,
  headers: {
    host: url.host,
    'content-type': 'application/json',
    ...Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v])),
  },
  body,
};

describe('sign one OAPI request', () => {
  bench('baseline: sha256 of the body', () => {
    createHash('sha256').update(body).digest('hex');
  });
  bench('OSC4 (own node:crypto code)', () => {
    signRequest(request, keys);
  });
  bench('AWS4 (aws4)', () => {
    signRequest(request, { ...keys, algorithm: 'AWS4-HMAC-SHA256' });
  });
  bench('verify OSC4 (local-cloud side)', () => {
    verifySignature(received, { lookupSecretKey: () => keys.secretKey });
  });
});
