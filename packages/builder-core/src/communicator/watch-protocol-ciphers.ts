import type { Client, Connection } from 'ssh2';

// ssh2 (pinned at 1.17.0) keeps a connection's current cipher and decipher on its protocol object
// (`client._protocol._cipher` and `_decipher`, the same on a server's connection) and replaces both at every key exchange. Its tests
// (pooled-packet-padding.test.ts, native-cipher-retention.test.ts) catch a change of these internals.

/** Called with each cipher or decipher a connection uses. */
export type CipherObserver = (cipher: unknown) => void;

/**
 * Calls the observers with the client's current cipher and decipher, and with every one a later key exchange
 * installs. Returns false, changing nothing, when there is no protocol object (a client not connecting).
 */
export function watchProtocolCiphers(
  client: Client | Connection,
  observers: { cipher?: CipherObserver; decipher?: CipherObserver },
): boolean {
  const protocol = (client as unknown as { _protocol?: Record<string, unknown> })._protocol;
  if (typeof protocol !== 'object' || protocol === null) return false;
  for (const [property, observe] of [
    ['_cipher', observers.cipher],
    ['_decipher', observers.decipher],
  ] as const) {
    if (observe === undefined) continue;
    let current = protocol[property];
    observe(current);
    Object.defineProperty(protocol, property, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (next: unknown) => {
        current = next;
        observe(next);
      },
    });
  }
  return true;
}
