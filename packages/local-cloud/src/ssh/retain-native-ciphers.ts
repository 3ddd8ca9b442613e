import type { Client, Connection } from 'ssh2';

// On Node.js 24.19 and later 24.x releases, collecting a native addon object built on node::ObjectWrap
// aborts the process ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook;
// nodejs/node#65446, mscdex/ssh2#1511). ssh2's native ciphers and deciphers are such objects, one pair per
// key exchange of every VM connection, so a dropped connection could abort the cloud (and a build running
// with it in the same process) at any later collection. They are kept reachable until the process exits;
// ssh2 has freed their OpenSSL state by then, so a few hundred bytes stay per key exchange. builder-core
// does the same for its client connections; local-cloud may not import it (architecture.md).

/** True where ObjectWrap's destructor may abort: Node.js 24 and later. */
export const nativeCiphersNeedRetaining = Number(process.versions.node.split('.')[0]) >= 24;

const retained = new Set<object>();

/**
 * Keeps the connection's current and future ciphers and deciphers (ssh2 1.17 keeps them on
 * `_protocol._cipher` and `_decipher` and replaces them at every key exchange) from being collected.
 */
export function retainNativeCiphers(connection: Client | Connection): void {
  if (!nativeCiphersNeedRetaining) return;
  const protocol = (connection as unknown as { _protocol?: Record<string, unknown> })._protocol;
  if (typeof protocol !== 'object' || protocol === null) return;
  for (const property of ['_cipher', '_decipher']) {
    let current = protocol[property];
    retain(current);
    Object.defineProperty(protocol, property, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (next: unknown) => {
        current = next;
        retain(next);
      },
    });
  }
}

/** True when `cipher` is kept until the process exits. */
export function isRetained(cipher: unknown): boolean {
  return typeof cipher === 'object' && cipher !== null && retained.has(cipher);
}

function retain(cipher: unknown): void {
  if (typeof cipher === 'object' && cipher !== null) retained.add(cipher);
}
