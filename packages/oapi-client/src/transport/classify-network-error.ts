import type { NetworkFailureKind } from '../errors/oapi-network-error';

/** What a transport failure means for a retry. */
export interface NetworkFailureClass {
  kind: NetworkFailureKind;
  /** The request may have reached the API (see `OapiNetworkError.ambiguous`). */
  ambiguous: boolean;
  retryable: boolean;
}

const byCode: Record<string, NetworkFailureClass> = {
  ENOTFOUND: { kind: 'dns', ambiguous: false, retryable: false },
  EAI_AGAIN: { kind: 'dns', ambiguous: false, retryable: true },
  ECONNREFUSED: { kind: 'connect-refused', ambiguous: false, retryable: true },
  EHOSTUNREACH: { kind: 'connect-refused', ambiguous: false, retryable: true },
  ENETUNREACH: { kind: 'connect-refused', ambiguous: false, retryable: true },
  EADDRNOTAVAIL: { kind: 'connect-refused', ambiguous: false, retryable: true },
  UND_ERR_CONNECT_TIMEOUT: { kind: 'connect-timeout', ambiguous: false, retryable: true },
  ETIMEDOUT: { kind: 'connect-timeout', ambiguous: false, retryable: true },
  ECONNRESET: { kind: 'reset', ambiguous: true, retryable: true },
  EPIPE: { kind: 'reset', ambiguous: true, retryable: true },
  ECONNABORTED: { kind: 'reset', ambiguous: true, retryable: true },
  UND_ERR_SOCKET: { kind: 'reset', ambiguous: true, retryable: true },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { kind: 'reset', ambiguous: true, retryable: true },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'headers-timeout', ambiguous: true, retryable: true },
  UND_ERR_BODY_TIMEOUT: { kind: 'body-timeout', ambiguous: true, retryable: true },
};

const tlsCode = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * Classifies an error thrown by the HTTP stack (undici or Node's net/tls) by its code and its causes' codes.
 * TLS failures are not retried (a certificate problem does not heal); unknown failures are treated as
 * ambiguous and not retried, so a create is never repeated on a guess.
 */
export function classifyNetworkError(error: unknown): NetworkFailureClass {
  const codes = codesOf(error);
  for (const code of codes) {
    const known = byCode[code];
    if (known) return known;
    if (tlsCode.test(code)) return { kind: 'tls', ambiguous: false, retryable: false };
    // llhttp parser errors: the answer arrived broken, usually cut short.
    if (code.startsWith('HPE_')) return { kind: 'reset', ambiguous: true, retryable: true };
  }
  return { kind: 'other', ambiguous: true, retryable: false };
}
