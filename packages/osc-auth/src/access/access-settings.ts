import type { CredentialsConfigError } from '../errors/credentials-config-error';

/** A value and where it came from, e.g. `{ value: 'eu-west-2', source: 'environment (OSC_REGION)' }`. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** A client certificate as one source gives it: file paths and/or base64 PEM. */
export interface X509Settings {
  certPath?: Sourced<string>;
  keyPath?: Sourced<string>;
  certB64?: Sourced<string>;
  keyB64?: Sourced<string>;
}

/**
 * What one source says about keys: a complete pair, nothing (and why, for the final message), or a
 * broken setting. Broken keys are kept as a value, not thrown, because they matter only when the chain
 * reaches this source.
 */
export type KeysOutcome =
  | { found: { accessKey: string; secretKey: string; source: string } }
  | { notFound: string }
  | { broken: CredentialsConfigError };

/** Everything one source (template, environment, a profile) says about access, already parsed. */
export interface AccessSettings {
  /** The source as messages name it, e.g. `environment` or `profile "gov" in /home/u/.osc/config.json`. */
  name: string;
  keys: KeysOutcome;
  region?: Sourced<string>;
  endpoint?: Sourced<string>;
  /** `http` or `https`, for a scheme-less endpoint (profile `protocol`). */
  protocol?: Sourced<'http' | 'https'>;
  x509?: X509Settings;
  tlsSkipVerify?: Sourced<boolean>;
}

/** True when a settings object names any part of a client certificate. */
export function hasX509(x509: X509Settings | undefined): x509 is X509Settings {
  return x509 !== undefined && Object.values(x509).some((v) => v !== undefined);
}
