import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../credentials/config-file';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { encryptKey, hasOpenssl, makeCertificate, type TestCertificate } from '../testing/client-certificate';
import { makeTempHome, type TempHome } from '../testing/temp-home';
import type { X509Settings } from './access-settings';
import { resolveClientCertificate } from './resolve-client-certificate';

const openssl = await hasOpenssl();
let home: TempHome;
let alice: TestCertificate;
let bob: TestCertificate;

beforeAll(async () => {
  home = await makeTempHome();
  if (!openssl) return;
  [alice, bob] = await Promise.all([makeCertificate(home.dir, 'alice'), makeCertificate(home.dir, 'bob')]);
});
afterAll(async () => {
  await home.remove();
});

const at = (value: string, source: string) => ({ value, source });
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function load(x509: X509Settings) {
  return resolveClientCertificate(x509, { fs: nodeFileSystem, homedir: home.dir }).catch((e: unknown) => e);
}

async function failure(x509: X509Settings): Promise<string> {
  const error = await load(x509);
  expect(CredentialsConfigError.isInstance(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).not.toContain('PRIVATE KEY');
  expect(message).not.toContain(alice.key.split('\n')[1]);
  return message;
}

describe.skipIf(!openssl)('resolveClientCertificate (needs the openssl binary to make test certificates)', () => {
  it('loads a certificate and key from files', async () => {
    expect(await load({ certPath: at(alice.certPath, 'env (CERT)'), keyPath: at(alice.keyPath, 'env (KEY)') })).toEqual(
      { cert: alice.cert, key: alice.key, source: 'env (CERT)' },
    );
  });

  it('expands ~/ in paths', async () => {
    expect(await load({ certPath: at('~/alice.crt', 'p'), keyPath: at('~/alice.key', 'p') })).toMatchObject({
      cert: alice.cert,
    });
  });

  it('decodes the base64 variants', async () => {
    expect(await load({ certB64: at(b64(alice.cert), 'c64'), keyB64: at(b64(alice.key), 'k64') })).toEqual({
      cert: alice.cert,
      key: alice.key,
      source: 'c64',
    });
  });

  it('prefers file paths over base64 within one source', async () => {
    const chosen = await load({
      certPath: at(alice.certPath, 'cert path'),
      keyPath: at(alice.keyPath, 'key path'),
      certB64: at(b64(bob.cert), 'c64'),
      keyB64: at(b64(bob.key), 'k64'),
    });
    expect(chosen).toMatchObject({ cert: alice.cert, source: 'cert path' });
  });

  it('accepts one PEM file holding both the certificate and its key', async () => {
    const both = await home.writeFile('both.pem', `${alice.cert}${alice.key}`);
    expect(await load({ certPath: at(both, 'combined') })).toMatchObject({ source: 'combined' });
  });

  it('refuses a certificate without its key, and a key without its certificate', async () => {
    expect(await failure({ certPath: at(alice.certPath, 'template (x509_cert_path)') })).toBe(
      'template (x509_cert_path) gives a client certificate but no private key; set both',
    );
    expect(await failure({ keyB64: at(b64(alice.key), 'environment (OSC_X509_CLIENT_KEY_B64)') })).toBe(
      'environment (OSC_X509_CLIENT_KEY_B64) gives a client key but no certificate; set both',
    );
  });

  it('refuses a key that does not belong to the certificate', async () => {
    expect(await failure({ certPath: at(alice.certPath, 'cert src'), keyPath: at(bob.keyPath, 'key src') })).toBe(
      'the private key (key src) does not belong to the client certificate (cert src)',
    );
  });

  it('refuses files that are missing or hold the wrong thing, naming where they were given', async () => {
    expect(
      await failure({
        certPath: at(`${home.dir}/nope.crt`, 'profile "gov" (x509_client_cert)'),
        keyPath: at(alice.keyPath, 'k'),
      }),
    ).toBe(`${home.dir}/nope.crt (profile "gov" (x509_client_cert)) does not exist`);
    expect(await failure({ certPath: at(alice.keyPath, 'cert src'), keyPath: at(alice.keyPath, 'key src') })).toBe(
      'cert src does not hold a PEM certificate',
    );
    expect(await failure({ certPath: at(alice.certPath, 'cert src'), keyPath: at(alice.certPath, 'key src') })).toBe(
      'key src does not hold a PEM private key',
    );
    expect(await failure({ certB64: at(b64('hello'), 'c64'), keyB64: at(b64(alice.key), 'k64') })).toBe(
      'c64 is not the base64 encoding of a PEM file',
    );
  });

  it('refuses an encrypted key with a message that says so', async () => {
    const encrypted = await encryptKey(alice, 'correct horse');
    expect(await failure({ certPath: at(alice.certPath, 'c'), keyPath: at(encrypted, 'key src') })).toBe(
      'key src holds an encrypted private key; give an unencrypted one',
    );
  });
});
