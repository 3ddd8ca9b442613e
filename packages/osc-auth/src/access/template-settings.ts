import { nonEmpty, staticKeys } from '../credentials/from-static';
import type { AccessInput } from './access-input';
import type { AccessSettings, Sourced, X509Settings } from './access-settings';

function sourced(value: string | undefined, key: string): Sourced<string> | undefined {
  const text = nonEmpty(value);
  return text === undefined ? undefined : { value: text, source: `template (${key})` };
}

/** The template's access keys as a source of settings, named as users write them. */
export function templateSettings(input: AccessInput): AccessSettings {
  const settings: AccessSettings = { name: 'template', keys: staticKeys(input) };
  const region = sourced(input.region, 'region');
  if (region) settings.region = region;
  const endpoint = sourced(input.customEndpoint, 'custom_endpoint_oapi');
  if (endpoint) settings.endpoint = endpoint;
  const x509: X509Settings = {};
  const certPath = sourced(input.x509CertPath, 'x509_cert_path');
  if (certPath) x509.certPath = certPath;
  const keyPath = sourced(input.x509KeyPath, 'x509_key_path');
  if (keyPath) x509.keyPath = keyPath;
  settings.x509 = x509;
  if (input.insecureSkipTlsVerify === true) {
    settings.tlsSkipVerify = { value: true, source: 'template (insecure_skip_tls_verify)' };
  }
  return settings;
}
