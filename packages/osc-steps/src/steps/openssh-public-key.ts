import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, 'base64url');
  while (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0) bytes = bytes.subarray(1);
  if (((bytes[0] ?? 0) & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

const curves: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

function blobOf(jwk: JsonWebKey): { type: string; blob: Buffer } | undefined {
  if (jwk.kty === 'RSA' && jwk.n && jwk.e) {
    return { type: 'ssh-rsa', blob: Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e), mpint(jwk.n)]) };
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) {
    return {
      type: 'ssh-ed25519',
      blob: Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.from(jwk.x, 'base64url'))]),
    };
  }
  const curve = jwk.kty === 'EC' && jwk.crv ? curves[jwk.crv] : undefined;
  if (curve && jwk.x && jwk.y) {
    const type = `ecdsa-sha2-${curve}`;
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    return { type, blob: Buffer.concat([sshString(type), sshString(curve), sshString(point)]) };
  }
  return undefined;
}

/**
 * The OpenSSH public key line (`ssh-rsa AAAA... comment`) of a PEM or PKCS#8 private key (RSA, Ed25519,
 * ECDSA), as the API's server-generated key pairs come; undefined for keys Node cannot read (OpenSSH format,
 * encrypted).
 */
export function openSshPublicKey(privateKeyPem: string, comment?: string): string | undefined {
  try {
    const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'jwk' });
    const key = blobOf(jwk);
    if (!key) return undefined;
    return `${key.type} ${key.blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
  } catch {
    return undefined;
  }
}
