import { createPrivateKey, randomBytes } from 'node:crypto';

const pkcs8 = /-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/;

/**
 * ssh2 cannot read PKCS#8 private keys (`BEGIN PRIVATE KEY`, what `openssl genpkey` writes), which Packer
 * accepts. Rewrites them as PKCS#1 (RSA), SEC1 (ECDSA) or an unencrypted OpenSSH key (ed25519), which ssh2
 * reads; other inputs are returned unchanged. Throws when the key cannot be decrypted or parsed.
 */
export function fromPkcs8(data: Buffer, passphrase: string | undefined): Buffer {
  const text = data.toString('utf8');
  if (!pkcs8.test(text)) return data;
  const key = createPrivateKey({ key: text, format: 'pem', ...(passphrase === undefined ? {} : { passphrase }) });
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return Buffer.from(key.export({ type: 'pkcs1', format: 'pem' }));
    case 'ec':
      return Buffer.from(key.export({ type: 'sec1', format: 'pem' }));
    case 'ed25519': {
      const jwk = key.export({ format: 'jwk' });
      return openSshEd25519(Buffer.from(jwk.d ?? '', 'base64url'), Buffer.from(jwk.x ?? '', 'base64url'));
    }
    default:
      throw new Error(`unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`);
  }
}

/** The `openssh-key-v1` encoding of an unencrypted ed25519 key (PROTOCOL.key in OpenSSH). */
function openSshEd25519(seed: Buffer, publicKey: Buffer): Buffer {
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(publicKey)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(publicKey),
    sshString(Buffer.concat([seed, publicKey])),
    sshString(''),
  ]);
  const padding = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(publicBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`);
}

function sshString(value: Buffer | string): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([uint32(data.length), data]);
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}
