import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedKey, utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { parsePublicKey, publicKeyOfPrivate } from './ssh-public-key';

const hasSshKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;

function spki(type: 'ed25519' | 'ec', namedCurve?: string): string {
  const pair = generateKeyPairSync(type as 'ec', {
    namedCurve: namedCurve ?? 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return pair.publicKey;
}

describe('SSH public keys', () => {
  it('derives the OpenSSH key of a generated RSA key, the same way ssh2 reads it', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const expected = `ssh-rsa ${(utils.parseKey(privateKey) as ParsedKey).getPublicSSH().toString('base64')}`;
    expect(publicKeyOfPrivate(privateKey)).toMatchObject({ type: 'ssh-rsa', openSsh: expected });
    expect(parsePublicKey(publicKey)?.openSsh).toBe(expected);
    expect(parsePublicKey(`${expected} someone@somewhere\n`)?.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  it('reads Ed25519 PEM keys into the standard OpenSSH form', () => {
    const key = parsePublicKey(spki('ed25519'));
    expect(key?.type).toBe('ssh-ed25519');
    // Every ssh-ed25519 key starts with these bytes: the type name and the 32-byte length of the key.
    expect(key?.openSsh).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}$/);
  });

  it.skipIf(!hasSshKeygen)('reads ECDSA PEM keys exactly as ssh-keygen converts them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-keys-'));
    try {
      for (const curve of ['P-256', 'P-384', 'P-521']) {
        const pem = spki('ec', curve);
        writeFileSync(join(dir, 'key.pem'), pem);
        const converted = spawnSync('ssh-keygen', ['-i', '-m', 'PKCS8', '-f', join(dir, 'key.pem')], {
          encoding: 'utf8',
        });
        expect(parsePublicKey(pem)?.openSsh).toBe(converted.stdout.trim());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses text that is no public key', () => {
    expect(parsePublicKey('not a key')).toBeUndefined();
    expect(parsePublicKey('')).toBeUndefined();
  });
});
