import type { AccessSettings, KeysOutcome, Sourced, X509Settings } from '../access/access-settings';
import { parseFlag } from '../access/parse-flag';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { nonEmpty } from './from-static';

/**
 * Reads one profile of the shared config file into access settings. Known keys: `access_key`,
 * `secret_key`, `region`, `endpoints.api` (or a flat `endpoint`), `protocol`, `x509_client_cert`,
 * `x509_client_key` (or `x509_client_sslkey`), `x509_client_cert_b64`, `x509_client_key_b64`,
 * `tls_skip_verify`. Unknown keys are ignored (the file is shared with other Outscale tools). A known key
 * with the wrong type is a CredentialsConfigError naming the file, profile and key; one key of a pair is
 * reported in `keys` as broken.
 */
export function profileSettings(raw: unknown, name: string, path: string): AccessSettings {
  const label = `profile "${name}" in ${path}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CredentialsConfigError(`${label} must be a JSON object`, path);
  }
  const profile = raw as Record<string, unknown>;
  const text = (key: string, value: unknown = profile[key]): Sourced<string> | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new CredentialsConfigError(`${label}: ${key} must be a string`, path);
    const trimmed = nonEmpty(value);
    return trimmed === undefined ? undefined : { value: trimmed, source: `${label} (${key})` };
  };
  const settings: AccessSettings = { name: label, keys: profileKeys(text, label, path) };
  const region = text('region');
  if (region) settings.region = region;
  const endpoint = endpointOf(profile, text, label, path);
  if (endpoint) settings.endpoint = endpoint;
  const protocol = text('protocol');
  if (protocol) {
    const value = protocol.value.toLowerCase();
    if (value !== 'http' && value !== 'https') {
      throw new CredentialsConfigError(`${label}: protocol must be "https" or "http"`, path);
    }
    settings.protocol = { value, source: protocol.source };
  }
  settings.x509 = x509Of(text);
  const skip = profile.tls_skip_verify;
  if (skip !== undefined && skip !== null) {
    if (typeof skip !== 'boolean' && typeof skip !== 'string') {
      throw new CredentialsConfigError(`${label}: tls_skip_verify must be true or false`, path);
    }
    settings.tlsSkipVerify = {
      value: parseFlag(skip, `${label}: tls_skip_verify`),
      source: `${label} (tls_skip_verify)`,
    };
  }
  return settings;
}

type TextReader = (key: string, value?: unknown) => Sourced<string> | undefined;

function profileKeys(text: TextReader, label: string, path: string): KeysOutcome {
  const accessKey = text('access_key');
  const secretKey = text('secret_key');
  if (accessKey && secretKey)
    return { found: { accessKey: accessKey.value, secretKey: secretKey.value, source: label } };
  if (!accessKey && !secretKey) return { notFound: `${label} has no access_key/secret_key` };
  const [set, missing] = accessKey ? ['access_key', 'secret_key'] : ['secret_key', 'access_key'];
  return {
    broken: new CredentialsConfigError(`${label} sets ${set} but not ${missing}; a profile needs both keys`, path),
  };
}

function endpointOf(profile: Record<string, unknown>, text: TextReader, label: string, path: string) {
  const endpoints = profile.endpoints;
  if (endpoints !== undefined && endpoints !== null) {
    if (typeof endpoints !== 'object' || Array.isArray(endpoints)) {
      throw new CredentialsConfigError(`${label}: endpoints must be an object like {"api": "https://…"}`, path);
    }
    const api = text('endpoints.api', (endpoints as Record<string, unknown>).api);
    if (api) return api;
  }
  // COGNAC/oapi-cli's flat form.
  return text('endpoint');
}

function x509Of(text: TextReader): X509Settings {
  const x509: X509Settings = {};
  const certPath = text('x509_client_cert');
  if (certPath) x509.certPath = certPath;
  // oapi-cli spells the key `x509_client_sslkey`; the SDKs say `x509_client_key`.
  const keyPath = text('x509_client_key') ?? text('x509_client_sslkey');
  if (keyPath) x509.keyPath = keyPath;
  const certB64 = text('x509_client_cert_b64');
  if (certB64) x509.certB64 = certB64;
  const keyB64 = text('x509_client_key_b64');
  if (keyB64) x509.keyB64 = keyB64;
  return x509;
}
