import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports in the built package.
import ssh2 from 'ssh2';

/** A public key in the forms the API and VMs need. */
export interface SshPublicKey {
  /** `ssh-rsa`, `ssh-ed25519`, `ecdsa-sha2-nistp256`, ... (the API's KeypairType values). */
  type: string;
  /** The OpenSSH `authorized_keys` line, without comment. */
  openSsh: string;
  /** MD5 of the key blob as colon-separated hex, as the API shows `KeypairFingerprint`. */
  fingerprint: string;
}

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

// An SSH mpint is a two's complement big-endian integer: a leading zero byte keeps it positive.
function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start += 1;
  const trimmed = unsigned.subarray(start);
  const first = trimmed[0] ?? 0;
  return sshString(first & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

const curves: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

function blobFromJwk(jwk: JsonWebKey): Buffer | undefined {
  const b64 = (value: string | undefined) => Buffer.from(value ?? '', 'base64url');
  if (jwk.kty === 'RSA') {
    return Buffer.concat([sshString(Buffer.from('ssh-rsa')), sshMpint(b64(jwk.e)), sshMpint(b64(jwk.n))]);
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(b64(jwk.x))]);
  }
  const curve = jwk.kty === 'EC' ? curves[jwk.crv ?? ''] : undefined;
  if (!curve) return undefined;
  const point = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
  return Buffer.concat([
    sshString(Buffer.from(`ecdsa-sha2-${curve}`)),
    sshString(Buffer.from(curve)),
    sshString(point),
  ]);
}

function fromBlob(blob: Buffer): SshPublicKey {
  const typeLength = blob.readUInt32BE(0);
  const type = blob.subarray(4, 4 + typeLength).toString('latin1');
  const fingerprint = (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
  return { type, openSsh: `${type} ${blob.toString('base64')}`, fingerprint };
}

/**
 * Reads a public key in any form the API accepts for an imported keypair: an OpenSSH line, RFC 4716
 * (`---- BEGIN SSH2 PUBLIC KEY ----`), or PEM (SPKI or PKCS#1). Returns undefined when it is none of them.
 */
export function parsePublicKey(text: string): SshPublicKey | undefined {
  const trimmed = text.trim();
  const parsed = ssh2.utils.parseKey(trimmed);
  if (!(parsed instanceof Error)) {
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key) return fromBlob(key.getPublicSSH());
  }
  try {
    const blob = blobFromJwk(createPublicKey(trimmed).export({ format: 'jwk' }));
    return blob ? fromBlob(blob) : undefined;
  } catch {
    return undefined;
  }
}

/** The public key of a PEM private key (the one CreateKeypair generates). */
export function publicKeyOfPrivate(privatePem: string): SshPublicKey {
  const blob = blobFromJwk(createPublicKey(privatePem).export({ format: 'jwk' }));
  if (!blob) throw new Error('unsupported private key type');
  return fromBlob(blob);
}
