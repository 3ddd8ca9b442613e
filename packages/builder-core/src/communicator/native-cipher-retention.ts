// On Node.js 24.19 and later 24.x releases, a native addon object built on node::ObjectWrap aborts the whole
// process when the garbage collector reclaims it ("Assertion failed: (env) != nullptr" in
// RemoveEnvironmentCleanupHook; nodejs/node#65446, mscdex/ssh2#1511): its destructor runs from a weak
// callback where no Node.js environment is current. ssh2's native ciphers and deciphers are such objects, one
// pair per key exchange, so a dropped connection could abort a build at any later collection, before its
// cleanup ran. Keeping them reachable until the process exits avoids it. Only the native object is kept
// (ssh2 1.17's binding classes hold it in `_instance`), not the JavaScript cipher around it, whose write
// callback would keep the connection's socket and buffers alive; ssh2 frees its OpenSSL state when it drops
// it (`free()`), so what stays is a few hundred bytes per key exchange.

/** True where ObjectWrap's destructor may abort: Node.js 24 and later (26.0 to 26.3 with newer headers). */
export const nativeCiphersNeedRetaining = Number(process.versions.node.split('.')[0]) >= 24;

const retained = new Set<object>();

/**
 * Keeps the native part of an ssh2 cipher or decipher from being collected, where collecting it may abort the
 * process. Ciphers without one (the pure-JavaScript fallbacks) need nothing.
 */
export function retainNativeCipher(cipher: unknown): void {
  const native = nativePart(cipher);
  if (nativeCiphersNeedRetaining && native !== undefined) retained.add(native);
}

/** True when the native part of `cipher` is kept until the process exits. */
export function isNativeCipherRetained(cipher: unknown): boolean {
  const native = nativePart(cipher);
  return native !== undefined && retained.has(native);
}

function nativePart(cipher: unknown): object | undefined {
  const native =
    typeof cipher === 'object' && cipher !== null ? (cipher as { _instance?: unknown })._instance : undefined;
  return typeof native === 'object' && native !== null ? native : undefined;
}
