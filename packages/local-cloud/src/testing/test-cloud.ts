import { generateKeyPairSync } from 'node:crypto';
import { findOapiSpecPath, loadOapiSpec, type OapiSpec } from '@osc-packer/oapi-client/test';
import { vi } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import type { LocalCloudOptions } from '../local-cloud-options';
import { memoryMachines } from './memory-machines';
import { must, typedCaller } from './typed-call';

const specPath = findOapiSpecPath();
/** The Outscale API description when `../shared` is there (answers are then validated against it). */
export const oapiSpec: OapiSpec | undefined = specPath ? loadOapiSpec(specPath) : undefined;

/**
 * A local cloud on memory machines with `instant` timing (unless overridden), and a typed, validating
 * caller per account.
 */
export async function startTestCloud(options: LocalCloudOptions = {}) {
  const machines = memoryMachines();
  const cloud: LocalCloud = await startLocalCloud({ timing: 'instant', machines, ...options });
  const callerFor = (index: number) => {
    const account = must(cloud.accounts[index], `account #${index}`);
    return typedCaller(
      () => cloud.endpoint,
      () => ({ accessKey: account.accessKey, secretKey: account.secretKey, region: cloud.region }),
      oapiSpec,
    ).call;
  };
  return { cloud, machines, alice: callerFor(0), bob: callerFor(1) };
}

/** Polls `read` until `accept` holds (5 s at most). */
export function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 5000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!accept(value)) throw new Error(`not yet: ${JSON.stringify(value).slice(0, 300)}`);
      return value;
    },
    { timeout, interval: 5 },
  );
}

/** A public key to import with CreateKeypair (Ed25519: generating RSA keys is slow). */
export function testPublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return Buffer.from(publicKey).toString('base64');
}
