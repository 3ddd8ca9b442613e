import { createSecretScrubber } from '@osc-packer/osc-auth';

/** The secrets one client knows (the secret keys it signs with), scrubbed from everything it logs or throws. */
export interface ClientScrubber {
  /** Learns a secret; cheap when it is already known. */
  add(secret: string): void;
  scrub(text: string): string;
}

/**
 * A growing set of secrets over osc-auth's `createSecretScrubber` (which takes a fixed list): the scrub
 * function is rebuilt only when a new secret arrives, e.g. when a credential provider rotates keys.
 */
export function createClientScrubber(): ClientScrubber {
  const secrets = new Set<string>();
  let scrub = createSecretScrubber(secrets);
  return {
    add(secret) {
      if (secrets.has(secret)) return;
      secrets.add(secret);
      scrub = createSecretScrubber(secrets);
    },
    scrub: (text) => scrub(text),
  };
}
