import { readFile } from 'node:fs/promises';
import ssh2, { type ParsedKey } from 'ssh2';
import { fromPkcs8 } from './pkcs8-key';
import type { SshPrivateKeySource } from './ssh-communicator-options';
import { SshError } from './ssh-error';
import { withCertificate } from './ssh-user-certificate';

/** A private key ready for publickey authentication, with a label for messages (never the key itself). */
export interface LoadedPrivateKey {
  key: ParsedKey;
  label: string;
}

/**
 * Reads (when given a file) and parses a private key and its optional certificate. Throws an SshError
 * (`config`) naming the file, or "the in-memory private key", without ever quoting key material.
 */
export async function loadPrivateKey(source: SshPrivateKeySource): Promise<LoadedPrivateKey> {
  const label = 'file' in source ? `private key file ${source.file}` : 'the in-memory private key';
  const data = 'file' in source ? await readLocal(source.file, label) : Buffer.from(source.key);
  let normalized: Buffer;
  try {
    normalized = fromPkcs8(data, source.passphrase);
  } catch (error) {
    const why = describeParseError((error as Error).message, source.passphrase);
    throw new SshError(`${label} cannot be used: ${why}`, { reason: 'config', cause: error });
  }
  const parsed = ssh2.utils.parseKey(normalized, source.passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined || key instanceof Error) {
    const why = key instanceof Error ? key.message : 'no key found';
    throw new SshError(`${label} cannot be used: ${describeParseError(why, source.passphrase)}`, {
      reason: 'config',
    });
  }
  if (!key.isPrivateKey()) {
    throw new SshError(`${label} holds a public key; a private key is needed`, { reason: 'config' });
  }
  const certificate =
    'file' in source
      ? source.certificateFile === undefined
        ? undefined
        : await readLocal(source.certificateFile, `certificate file ${source.certificateFile}`)
      : source.certificate === undefined
        ? undefined
        : Buffer.from(source.certificate);
  if (certificate === undefined) return { key, label };
  const certLabel = 'file' in source ? `certificate file ${source.certificateFile}` : 'the in-memory certificate';
  return { key: withCertificate(key, certificate, certLabel), label: `${label} with its certificate` };
}

async function readLocal(path: string, label: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SshError(`${label} cannot be read (${code})`, { reason: 'config', cause: error });
  }
}

function describeParseError(message: string, passphrase: string | undefined): string {
  if (/encrypted/i.test(message) && passphrase === undefined) {
    return 'it is encrypted and no passphrase was given';
  }
  if (/passphrase required|no passphrase/i.test(message) && passphrase === undefined) {
    return 'it is encrypted and no passphrase was given';
  }
  if (/bad decrypt|integrity check|passphrase/i.test(message)) return 'the passphrase is wrong';
  if (/unsupported key format/i.test(message)) {
    return 'not a private key in a supported format (PEM or OpenSSH; RSA, ed25519 or ECDSA)';
  }
  return message;
}
