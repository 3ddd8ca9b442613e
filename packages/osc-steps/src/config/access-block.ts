import { configBlock, sensitive, weakBoolean, weakString } from '@osc-packer/builder-core';
import { z } from 'zod';

const endpointSchemes = /^[a-z][a-z0-9+.-]*:\/\//i;

function checkEndpoint(value: string): string | undefined {
  if (!endpointSchemes.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid URL (got ${JSON.stringify(value)})`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `must be an http:// or https:// URL (got ${JSON.stringify(value)})`;
  }
  return undefined;
}

/**
 * The access keys of every Outscale builder (§1.1 of the reference): credentials, Region, endpoint, TLS
 * client certificate, profile. Every key is optional: what the template leaves out comes from the profile
 * file (only with `profile`), then `OSC_*`, then the deprecated `OUTSCALE_*` variables, resolved by osc-auth
 * at run time. `oapi_custom_endpoint` (the name the original Packer docs used) is accepted as a deprecated alias.
 */
export const accessBlock = configBlock(
  'Access',
  z.strictObject({
    access_key: sensitive(weakString())
      .optional()
      .describe(
        'Access key. Env: `OSC_ACCESS_KEY` (deprecated: `OUTSCALE_ACCESSKEYID`), or the `profile`. Set with `secret_key` or not at all.',
      ),
    secret_key: sensitive(weakString())
      .optional()
      .describe(
        'Secret key. Env: `OSC_SECRET_KEY` (deprecated: `OUTSCALE_SECRETKEYID`), or the `profile`. Never printed.',
      ),
    region: weakString()
      .optional()
      .describe(
        'Region, e.g. `eu-west-2`. Env: `OSC_REGION` (deprecated: `OUTSCALE_REGION`), or the `profile`; default `eu-west-2`. An unknown Region fails at the first API call.',
      ),
    custom_endpoint_oapi: weakString()
      .optional()
      .describe(
        'OAPI endpoint: a full URL (`https://api.eu-west-2.outscale.com/api/v1`), a host (`api.eu-west-2.outscale.com`), or the legacy domain suffix (`outscale.com/oapi/latest`, deprecated). Env: `OSC_ENDPOINT_API` (deprecated: `OUTSCALE_OAPI_URL`). Default `https://api.<region>.outscale.com/api/v1`. Alias: `oapi_custom_endpoint` (deprecated).',
      ),
    insecure_skip_tls_verify: weakBoolean()
      .optional()
      .describe(
        'Do not verify the API server certificate (testing only). Env: `OSC_TLS_SKIP_VERIFY`; true from any source wins. Default `false`.',
      ),
    x509_cert_path: weakString()
      .optional()
      .describe(
        'Client certificate (PEM) for x509 authentication, with `x509_key_path`. Env: `OSC_X509_CLIENT_CERT` (deprecated: `OUTSCALE_X509CERT`).',
      ),
    x509_key_path: weakString()
      .optional()
      .describe('Private key (PEM) of `x509_cert_path`. Env: `OSC_X509_CLIENT_KEY` (deprecated: `OUTSCALE_X509KEY`).'),
    profile: weakString()
      .optional()
      .describe(
        'Profile of the shared config file (`OSC_CONFIG_FILE`, default `~/.osc/config.json`) to read credentials, Region and endpoint from; the file is read only when this is set.',
      ),
    skip_metadata_api_check: weakBoolean()
      .optional()
      .describe(
        'Never ask the VM metadata service for the Region (also `OSC_METADATA_DISABLED=true`). Default `false`.',
      ),
    mfa_code: weakString().optional().describe('Accepted for compatibility; has no effect (Outscale has no MFA here).'),
    token: sensitive(weakString())
      .optional()
      .describe('Accepted for compatibility; has no effect (Outscale access keys need no session token).'),
  }),
  {
    aliases: { oapi_custom_endpoint: 'custom_endpoint_oapi' },
    check(value, report) {
      const hasAccessKey = Boolean(value.access_key);
      const hasSecretKey = Boolean(value.secret_key);
      if (hasAccessKey !== hasSecretKey) {
        report.issue(
          hasAccessKey ? 'secret_key' : 'access_key',
          '`access_key` and `secret_key` must both be either set or not set',
        );
      }
      const endpointProblem = value.custom_endpoint_oapi ? checkEndpoint(value.custom_endpoint_oapi) : undefined;
      if (endpointProblem) report.issue('custom_endpoint_oapi', endpointProblem);
      if (value.mfa_code) report.warn('mfa_code: has no effect (Outscale access keys are used without MFA codes)');
      if (value.token) report.warn('token: has no effect (Outscale access keys need no session token)');
    },
  },
);

/** The decoded access keys; empty strings (an unset variable) mean "not set". */
export type AccessConfig = z.output<typeof accessBlock.schema>;
