import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSshPublicKey } from './openssh-public-key';

function sshKeygenAvailable(): boolean {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status !== undefined;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'osc-keys-'));

function keygen(args: string[], content: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  return execFileSync('ssh-keygen', [...args, file], { encoding: 'utf8' })
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
}

describe('openSshPublicKey', () => {
  it.skipIf(!sshKeygenAvailable())(
    'matches ssh-keygen for RSA (PKCS#1, as CreateKeypair returns) and ECDSA keys (needs ssh-keygen)',
    () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs1', format: 'pem' })
        .toString();
      expect(openSshPublicKey(rsa)).toBe(keygen(['-y', '-f'], rsa, 'rsa'));
      expect(openSshPublicKey(rsa, 'packer_1')).toMatch(/^ssh-rsa AAAA\S+ packer_1$/);
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const ecPrivate = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const ecPublic = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expect(openSshPublicKey(ecPrivate)).toBe(keygen(['-i', '-m', 'PKCS8', '-f'], ecPublic, 'ec.pub'));
    },
  );

  it('encodes Ed25519 keys as ssh-ed25519 with the raw public key', () => {
    const ed = generateKeyPairSync('ed25519');
    const line = openSshPublicKey(ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) ?? '';
    const blob = Buffer.from(line.split(' ')[1] ?? '', 'base64');
    const raw = ed.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
    expect(line.startsWith('ssh-ed25519 ')).toBe(true);
    expect(blob.subarray(0, 15)).toEqual(Buffer.from('\0\0\0\x0bssh-ed25519', 'latin1'));
    expect(blob.subarray(15)).toEqual(Buffer.concat([Buffer.from([0, 0, 0, 32]), raw]));
  });

  it('gives undefined for what it cannot read', () => {
    expect(
      openSshPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nnot really\n-----END OPENSSH PRIVATE KEY-----\n'),
    ).toBeUndefined();
  });
});
