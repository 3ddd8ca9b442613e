import { createPrivateKey, X509Certificate } from 'node:crypto';
import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';
import type { FileSystem } from '../credentials/config-file';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import type { Sourced, X509Settings } from './access-settings';

/** A client certificate and its private key, as PEM text, ready for the TLS layer. */
export interface ClientCertificate {
  cert: string;
  key: string;
  /** Where the certificate came from, e.g. `environment (OSC_X509_CLIENT_CERT)`. */
  source: string;
}

/**
 * Loads one source's client certificate: file paths win over base64 values, the certificate and its key
 * come together (a PEM file holding both may stand for both). The pair is checked before any request is
 * made: each must parse, and the key must belong to the certificate. Errors name the variable, profile
 * key or template key and never quote the key.
 */
export async function resolveClientCertificate(
  x509: X509Settings,
  options: { fs: FileSystem; homedir?: string },
): Promise<ClientCertificate> {
  const cert = x509.certPath
    ? await readPem(x509.certPath, options)
    : x509.certB64
      ? decodePem(x509.certB64)
      : undefined;
  let key = x509.keyPath ? await readPem(x509.keyPath, options) : x509.keyB64 ? decodePem(x509.keyB64) : undefined;
  const certSource = x509.certPath ?? x509.certB64;
  const keySource = x509.keyPath ?? x509.keyB64;
  if (cert && certSource && !key && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(cert.value)) key = cert;
  if (!cert || !certSource) {
    throw new CredentialsConfigError(
      `${keySource?.source ?? 'client certificate'} gives a client key but no certificate; set both`,
      keySource?.source ?? 'x509',
    );
  }
  if (!key) {
    throw new CredentialsConfigError(
      `${certSource.source} gives a client certificate but no private key; set both`,
      certSource.source,
    );
  }
  checkPair(cert, key);
  return { cert: cert.value, key: key.value, source: certSource.source };
}

async function readPem(path: Sourced<string>, options: { fs: FileSystem; homedir?: string }): Promise<Sourced<string>> {
  const file = path.value.startsWith('~/') ? join(options.homedir ?? osHomedir(), path.value.slice(2)) : path.value;
  try {
    return { value: await options.fs.readFile(file), source: path.source };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(code ?? error)})`;
    throw new CredentialsConfigError(`${file} (${path.source}) ${why}`, path.source, { cause: error });
  }
}

function decodePem(b64: Sourced<string>): Sourced<string> {
  const value = Buffer.from(b64.value, 'base64').toString('utf8');
  if (!value.includes('-----BEGIN ')) {
    throw new CredentialsConfigError(`${b64.source} is not the base64 encoding of a PEM file`, b64.source);
  }
  return { value, source: b64.source };
}

function checkPair(cert: Sourced<string>, key: Sourced<string>): void {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert.value);
  } catch {
    throw new CredentialsConfigError(`${cert.source} does not hold a PEM certificate`, cert.source);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key.value);
  } catch (error) {
    const encrypted = /passphrase|ENCRYPTED/.test(`${String(error)} ${key.value.slice(0, 200)}`);
    const why = encrypted
      ? 'holds an encrypted private key; give an unencrypted one'
      : 'does not hold a PEM private key';
    throw new CredentialsConfigError(`${key.source} ${why}`, key.source);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new CredentialsConfigError(
      `the private key (${key.source}) does not belong to the client certificate (${cert.source})`,
      key.source,
    );
  }
}
