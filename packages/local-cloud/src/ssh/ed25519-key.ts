import ssh2 from 'ssh2';

/** An Ed25519 key pair in OpenSSH formats. */
export interface Ed25519KeyPair {
  private: string;
  public: string;
}

/**
 * A new Ed25519 key pair that ssh2 can read back. ssh2 1.17's `generateKeyPairSync('ed25519')` drops a
 * leading zero byte of the public key about once in 256 keys, and then cannot parse its own private key
 * ("Malformed OpenSSH private key"); such a pair is thrown away and another one made.
 */
export function generateEd25519Key(): Ed25519KeyPair {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return { private: pair.private, public: pair.public };
  }
}
