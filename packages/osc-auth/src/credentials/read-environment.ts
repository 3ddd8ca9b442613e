import type { AccessSettings, KeysOutcome, Sourced, X509Settings } from '../access/access-settings';
import { parseFlag } from '../access/parse-flag';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { nonEmpty } from './from-static';

/** Environment variables as Node gives them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variable that turns the VM metadata lookup off (`true`), for machines where it could only wait. */
export const metadataDisabledVariable = 'OSC_METADATA_DISABLED';

/** Deprecated names still honoured, each with the name that replaces it. */
export const legacyVariables: Readonly<Record<string, string>> = {
  OUTSCALE_ACCESSKEYID: 'OSC_ACCESS_KEY',
  OUTSCALE_SECRETKEYID: 'OSC_SECRET_KEY',
  OUTSCALE_REGION: 'OSC_REGION',
  OUTSCALE_OAPI_URL: 'OSC_ENDPOINT_API',
  OUTSCALE_X509CERT: 'OSC_X509_CLIENT_CERT',
  OUTSCALE_X509KEY: 'OSC_X509_CLIENT_KEY',
};

/** What the environment says: the access settings plus the variables that steer other sources. */
export interface EnvironmentReading {
  settings: AccessSettings;
  /** `OSC_PROFILE`. */
  profile?: Sourced<string>;
  /** `OSC_CONFIG_FILE`. */
  configFile?: Sourced<string>;
  /** `OSC_METADATA_DISABLED`. */
  metadataDisabled: boolean;
  /** One deprecation warning per legacy variable present. */
  warnings: string[];
}

/**
 * Reads every variable osc-auth honours. `OSC_*` names win over the deprecated `OUTSCALE_*` ones field by
 * field, except keys, which are taken as a pair from one naming or the other. Throws CredentialsConfigError
 * for a value that cannot be understood (e.g. `OSC_TLS_SKIP_VERIFY=maybe`); a half key pair is reported
 * in `settings.keys` instead, so it matters only when the chain reaches the environment.
 */
export function readEnvironment(env: Env): EnvironmentReading {
  const get = (name: string) => nonEmpty(env[name]);
  const warnings: string[] = [];
  for (const [legacy, current] of Object.entries(legacyVariables)) {
    if (get(legacy) === undefined) continue;
    const shadowed = get(current) !== undefined ? ` (ignored: ${current} is set)` : '';
    warnings.push(`${legacy} is deprecated; use ${current} instead${shadowed}`);
  }
  const pick = (...names: string[]): Sourced<string> | undefined => {
    for (const name of names) {
      const value = get(name);
      if (value !== undefined) return { value, source: `environment (${name})` };
    }
    return undefined;
  };
  const settings: AccessSettings = { name: 'environment', keys: envKeys(get) };
  const region = pick('OSC_REGION', 'OUTSCALE_REGION');
  if (region) settings.region = region;
  const endpoint = pick('OSC_ENDPOINT_API', 'OUTSCALE_OAPI_URL');
  if (endpoint) settings.endpoint = endpoint;
  const x509: X509Settings = {};
  const certPath = pick('OSC_X509_CLIENT_CERT', 'OUTSCALE_X509CERT');
  if (certPath) x509.certPath = certPath;
  const keyPath = pick('OSC_X509_CLIENT_KEY', 'OUTSCALE_X509KEY');
  if (keyPath) x509.keyPath = keyPath;
  const certB64 = pick('OSC_X509_CLIENT_CERT_B64');
  if (certB64) x509.certB64 = certB64;
  const keyB64 = pick('OSC_X509_CLIENT_KEY_B64');
  if (keyB64) x509.keyB64 = keyB64;
  settings.x509 = x509;
  const skip = get('OSC_TLS_SKIP_VERIFY');
  if (skip !== undefined) {
    settings.tlsSkipVerify = {
      value: parseFlag(skip, 'OSC_TLS_SKIP_VERIFY'),
      source: 'environment (OSC_TLS_SKIP_VERIFY)',
    };
  }
  const disabled = get(metadataDisabledVariable);
  const reading: EnvironmentReading = {
    settings,
    metadataDisabled: disabled !== undefined && parseFlag(disabled, metadataDisabledVariable),
    warnings,
  };
  const profile = pick('OSC_PROFILE');
  if (profile) reading.profile = profile;
  const configFile = pick('OSC_CONFIG_FILE');
  if (configFile) reading.configFile = configFile;
  return reading;
}

function envKeys(get: (name: string) => string | undefined): KeysOutcome {
  const current = pair(get, 'OSC_ACCESS_KEY', 'OSC_SECRET_KEY');
  if ('broken' in current && (get('OUTSCALE_ACCESSKEYID') ?? get('OUTSCALE_SECRETKEYID')) !== undefined) {
    const mixed = `${current.broken.message}. Old (OUTSCALE_*) and new (OSC_*) names are never mixed in one pair`;
    return { broken: new CredentialsConfigError(mixed, current.broken.where) };
  }
  if (!('notFound' in current)) return current;
  const legacy = pair(get, 'OUTSCALE_ACCESSKEYID', 'OUTSCALE_SECRETKEYID');
  if (!('notFound' in legacy)) return legacy;
  return { notFound: 'environment: OSC_ACCESS_KEY/OSC_SECRET_KEY are not set' };
}

function pair(get: (name: string) => string | undefined, akName: string, skName: string): KeysOutcome {
  const accessKey = get(akName);
  const secretKey = get(skName);
  if (accessKey !== undefined && secretKey !== undefined) {
    return { found: { accessKey, secretKey, source: `environment (${akName}/${skName})` } };
  }
  if (accessKey === undefined && secretKey === undefined) return { notFound: `${akName}/${skName} are not set` };
  const [set, missing] = accessKey === undefined ? [skName, akName] : [akName, skName];
  const message =
    `environment: ${set} is set but ${missing} is not; keys are taken as a pair from one source, ` +
    `so set both (or unset ${set})`;
  return { broken: new CredentialsConfigError(message, missing) };
}
