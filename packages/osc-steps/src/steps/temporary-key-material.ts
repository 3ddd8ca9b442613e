import { generateKeyPair } from 'node:crypto';
import { openSshPublicKey } from './openssh-public-key';

type Done = (error: Error | null, publicKey: string, privateKey: string) => void;

/** The PEM private key of a new key pair, generated off the main thread. */
function generatePem(start: (done: Done) => void): Promise<string> {
  return new Promise((resolve, reject) =>
    start((error, _public, privateKey) => (error ? reject(error) : resolve(privateKey))),
  );
}

/** A key pair made here, whose public half CreateKeypair imports. */
export interface LocalKeyMaterial {
  /** PEM (PKCS#8), held in memory only. */
  privateKey: string;
  /** The OpenSSH public key line. */
  publicKey: string;
}

const curves: Record<number, string> = { 256: 'P-256', 384: 'P-384', 521: 'P-521' };

/**
 * The key of a temporary pair when `temporary_key_pair_type`/`_bits` ask for one the API does not generate
 * (it makes 2048-bit RSA keys only): Ed25519, ECDSA (256, 384 or 521 bits; default 521, as Packer), or RSA of
 * other sizes. Undefined means "let CreateKeypair generate it" (RSA 2048, the Go plugin's only behaviour). DSA
 * is refused: Outscale key pairs are RSA, Ed25519 or ECDSA.
 */
export async function temporaryKeyMaterial(
  type: string | undefined,
  bits: number | undefined,
): Promise<LocalKeyMaterial | undefined> {
  if (type === undefined || (type === 'rsa' && (bits === undefined || bits === 0 || bits === 2048))) return undefined;
  let privateKey: string;
  if (type === 'ed25519') {
    privateKey = await generatePem((done) => generateKeyPair('ed25519', pem, done));
  } else if (type === 'ecdsa') {
    const namedCurve = curves[bits || 521];
    if (!namedCurve) throw new Error(`temporary_key_pair_bits: an ECDSA key has 256, 384 or 521 bits (got ${bits})`);
    privateKey = await generatePem((done) => generateKeyPair('ec', { namedCurve, ...pem }, done));
  } else if (type === 'rsa') {
    if ((bits ?? 0) < 2048) throw new Error(`temporary_key_pair_bits: an RSA key has at least 2048 bits (got ${bits})`);
    const modulusLength = bits ?? 2048;
    privateKey = await generatePem((done) => generateKeyPair('rsa', { modulusLength, ...pem }, done));
  } else {
    throw new Error(`temporary_key_pair_type: Outscale key pairs are rsa, ed25519 or ecdsa (got ${type})`);
  }
  const publicKey = openSshPublicKey(privateKey);
  if (!publicKey) throw new Error(`could not derive the public key of the generated ${type} key`);
  return { privateKey, publicKey };
}

const pem = {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
} as const;
