import type { AccessInput } from '@osc-packer/osc-auth';
import type { AccessConfig } from './access-block';

// An empty string is an unset variable (`{{user `access_key`}}` with no value): leave the field to the chain.
const set = (value: string | undefined) => (value ? value : undefined);

/**
 * What osc-auth's resolveAccess needs from the template's access keys: the fields set in the template, the
 * others left undefined so the profile file and the environment can fill them. `mfa_code` and `token` have no
 * counterpart (they have no effect on Outscale).
 */
export function accessInput(config: AccessConfig): AccessInput {
  return {
    accessKey: set(config.access_key),
    secretKey: set(config.secret_key),
    region: set(config.region),
    customEndpoint: set(config.custom_endpoint_oapi),
    insecureSkipTlsVerify: config.insecure_skip_tls_verify,
    x509CertPath: set(config.x509_cert_path),
    x509KeyPath: set(config.x509_key_path),
    profile: set(config.profile),
    skipMetadataApiCheck: config.skip_metadata_api_check,
  };
}
