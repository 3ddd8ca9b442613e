import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A self-signed certificate and its key, made by the openssl binary for this test run only. */
export interface TestCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

/** True when the openssl binary is on PATH (tests that need a real certificate skip otherwise). */
export async function hasOpenssl(): Promise<boolean> {
  try {
    await run('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

export async function makeCertificate(dir: string, name: string): Promise<TestCertificate> {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    `/CN=${name}`,
    '-days',
    '1',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return { certPath, keyPath, cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
}

/** The key of a certificate made by makeCertificate, encrypted with a passphrase, written beside it. */
export async function encryptKey(certificate: TestCertificate, passphrase: string): Promise<string> {
  const path = certificate.keyPath.replace(/\.key$/, '.encrypted.key');
  await run('openssl', ['pkey', '-in', certificate.keyPath, '-aes256', '-passout', `pass:${passphrase}`, '-out', path]);
  return path;
}
