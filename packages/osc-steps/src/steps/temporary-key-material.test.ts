import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { temporaryKeyMaterial } from './temporary-key-material';

describe('temporaryKeyMaterial', () => {
  it('leaves 2048-bit RSA to the API (its only kind), as the Go plugin did', async () => {
    expect(await temporaryKeyMaterial(undefined, undefined)).toBeUndefined();
    expect(await temporaryKeyMaterial('rsa', 2048)).toBeUndefined();
  });

  it('makes Ed25519 and ECDSA keys (521 bits unless told), and RSA of other sizes', async () => {
    const ed = await temporaryKeyMaterial('ed25519', undefined);
    expect(ed?.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\S+$/);
    expect(createPrivateKey(ed?.privateKey ?? '').asymmetricKeyType).toBe('ed25519');
    expect((await temporaryKeyMaterial('ecdsa', undefined))?.publicKey).toMatch(/^ecdsa-sha2-nistp521 /);
    expect((await temporaryKeyMaterial('ecdsa', 256))?.publicKey).toMatch(/^ecdsa-sha2-nistp256 /);
    const rsa = await temporaryKeyMaterial('rsa', 3072);
    expect(createPrivateKey(rsa?.privateKey ?? '').asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('refuses what Outscale key pairs cannot be', async () => {
    await expect(temporaryKeyMaterial('dsa', undefined)).rejects.toThrow(
      'Outscale key pairs are rsa, ed25519 or ecdsa',
    );
    await expect(temporaryKeyMaterial('ecdsa', 300)).rejects.toThrow('256, 384 or 521 bits');
    await expect(temporaryKeyMaterial('rsa', 1024)).rejects.toThrow('at least 2048 bits');
  });
});
