import type { Client, Connection } from 'ssh2';

// On Node.js 24.19 and later 24.x releases, collecting a native addon object built on node::ObjectWrap
// aborts the process ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook;
// nodejs/node#65446, mscdex/ssh2#1511). ssh2's native ciphers and deciphers are such objects, one pair per
// key exchange of every VM connection, so a dropped connection could abort the cloud (and a build running
// with it in the same process) at any later collection. The native objects (ssh2 1.17's binding classes hold
// them in `_instance`) are kept reachable until the process exits, not the JavaScript ciphers around them,
// whose write callbacks would keep the connections' sockets alive; ssh2 frees their OpenSSL state when it
// drops them, so a few hundred bytes stay per key exchange. builder-core does the same for its client
// connections; local-cloud may not import it (architecture.md).

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

/** How many native objects are kept so far (for tests of connections whose ciphers they cannot reach). */
export function retainedCount(): number {
  return retained.size;
}

/** True when the native part of `cipher` is kept until the process exits. */
export function isRetained(cipher: unknown): boolean {
  const native = nativePart(cipher);
  return native !== undefined && retained.has(native);
}

function retain(cipher: unknown): void {
  const native = nativePart(cipher);
  if (native !== undefined) retained.add(native);
}

/** The native object of an ssh2 binding cipher; undefined for the pure-JavaScript ones. */
function nativePart(cipher: unknown): object | undefined {
  const native =
    typeof cipher === 'object' && cipher !== null ? (cipher as { _instance?: unknown })._instance : undefined;
  return typeof native === 'object' && native !== null ? native : undefined;
}
