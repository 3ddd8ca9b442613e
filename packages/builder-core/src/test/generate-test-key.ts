import { generateKeyPairSync } from 'node:crypto';
import ssh2 from 'ssh2';

/** A key pair for tests: `privateKey` as a client would hold it, `publicKey` as an authorized_keys line. */
export interface TestKeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * Generates a key pair. `format: 'openssh'` (default) gives an OpenSSH private key (optionally encrypted
 * with `passphrase`); `'pem'` gives PKCS#1 (RSA) or SEC1 (ECDSA) PEM as cloud APIs hand out; `'pkcs8'`
 * gives PKCS#8 PEM (any type, as `openssl genpkey` writes).
 */
export function generateTestKey(
  type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519',
  options: { format?: 'openssh' | 'pem' | 'pkcs8'; passphrase?: string; comment?: string } = {},
): TestKeyPair {
  const format = options.format ?? 'openssh';
  if (format === 'openssh') {
    // ssh2 1.17 drops a leading zero byte of an Ed25519 public key (one key in 256); neither ssh2 nor OpenSSH
    // can load such a key (sshd: "error in libcrypto"), so it is thrown away and another one drawn.
    for (;;) {
      const pair = ssh2.utils.generateKeyPairSync(type, {
        bits: type === 'rsa' ? 2048 : type === 'ecdsa' ? 256 : undefined,
        comment: options.comment ?? 'osc-packer-test',
        // One KDF round: tests decrypt it, and ssh2's bcrypt in JavaScript is slow.
        ...(options.passphrase === undefined
          ? {}
          : { passphrase: options.passphrase, cipher: 'aes256-ctr', rounds: 1 }),
      });
      if (!(ssh2.utils.parseKey(pair.private, options.passphrase) instanceof Error)) {
        return { privateKey: pair.private, publicKey: pair.public };
      }
    }
  }
  const { privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : type === 'ecdsa'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  const pemType = format === 'pkcs8' ? 'pkcs8' : type === 'rsa' ? 'pkcs1' : type === 'ecdsa' ? 'sec1' : 'pkcs8';
  const pem = privateKey.export({ type: pemType, format: 'pem' }).toString();
  return { privateKey: pem, publicKey: publicKeyLine(pem, privateKey) };
}

function publicKeyLine(pem: string, privateKey: import('node:crypto').KeyObject): string {
  const parsed = ssh2.utils.parseKey(pem);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key !== undefined && !(key instanceof Error)) {
    return `${key.type} ${key.getPublicSSH().toString('base64')} osc-packer-test`;
  }
  // ssh2 cannot read PKCS#8: describe the public half as OpenSSH from its JWK.
  const jwk = privateKey.export({ format: 'jwk' });
  const string = (value: Buffer | string) => {
    const data = typeof value === 'string' ? Buffer.from(value) : value;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  const b64 = (value: string | undefined) => Buffer.from(value ?? '', 'base64url');
  const mpint = (value: Buffer) =>
    string(value[0] !== undefined && value[0] >= 0x80 ? Buffer.concat([Buffer.alloc(1), value]) : value);
  let blob: Buffer;
  let type: string;
  if (jwk.kty === 'RSA') {
    type = 'ssh-rsa';
    blob = Buffer.concat([string(type), mpint(b64(jwk.e)), mpint(b64(jwk.n))]);
  } else if (jwk.kty === 'EC') {
    type = 'ecdsa-sha2-nistp256';
    const point = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
    blob = Buffer.concat([string(type), string('nistp256'), string(point)]);
  } else {
    type = 'ssh-ed25519';
    blob = Buffer.concat([string(type), string(b64(jwk.x))]);
  }
  return `${type} ${blob.toString('base64')} osc-packer-test`;
}
