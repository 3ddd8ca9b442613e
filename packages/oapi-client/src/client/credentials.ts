import type { ClientScrubber } from '../logging/client-scrubber';

/** An access key pair as osc-auth's providers return it (extra fields such as `source` are ignored). */
export interface AccessKeyPair {
  accessKey: string;
  secretKey: string;
}

/** Static keys, or a provider asked before every attempt (it should cache; osc-auth's providers do). */
export type CredentialSource = AccessKeyPair | ((options?: { signal?: AbortSignal }) => Promise<AccessKeyPair>);

/**
 * Turns a credential source into a function that returns the current keys and teaches the scrubber every
 * secret key it hands out, so logs never show one even if a body or message happened to echo it.
 */
export function credentialResolver(
  source: CredentialSource,
  scrubber: ClientScrubber,
): (signal?: AbortSignal) => Promise<AccessKeyPair> {
  const remember = (keys: AccessKeyPair): AccessKeyPair => {
    if (!keys.accessKey || !keys.secretKey) {
      throw new TypeError('the credentials have an empty access key or secret key');
    }
    scrubber.add(keys.secretKey);
    return keys;
  };
  if (typeof source !== 'function') {
    const keys = remember({ accessKey: source.accessKey, secretKey: source.secretKey });
    return async () => keys;
  }
  return async (signal) => remember(await source({ signal }));
}
