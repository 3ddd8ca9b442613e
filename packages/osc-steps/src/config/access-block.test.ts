import { resolveAccess } from '@osc-packer/osc-auth';
import { describe, expect, it } from 'vitest';
import { accessBlock } from './access-block';
import { accessInput } from './access-input';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';

const pairMessage = '`access_key` and `secret_key` must both be either set or not set';

describe('access block', () => {
  it.each([
    ['only access_key', { access_key: 'AK' }, [{ path: 'secret_key', message: pairMessage }]],
    ['only secret_key', { secret_key: 'SK' }, [{ path: 'access_key', message: pairMessage }]],
    [
      'an empty access_key is unset',
      { access_key: '{{user `empty`}}', secret_key: 'SK' },
      [{ path: 'access_key', message: pairMessage }],
    ],
    ['both', { access_key: 'AK', secret_key: 'SK' }, []],
    ['neither', {}, []],
    [
      'a non-http endpoint',
      { custom_endpoint_oapi: 'ftp://api.example.com' },
      [{ path: 'custom_endpoint_oapi', message: 'must be an http:// or https:// URL (got "ftp://api.example.com")' }],
    ],
    ['a scheme-less endpoint (host or legacy suffix)', { custom_endpoint_oapi: 'outscale.com/oapi/latest' }, []],
  ])('%s', (_, raw, issues) => {
    expect(issuesOf(decodeBlock(accessBlock, raw))).toEqual(issues);
  });

  it('accepts oapi_custom_endpoint (the original docs) as a deprecated alias', () => {
    const result = decodeBlock(accessBlock, { oapi_custom_endpoint: 'https://api.eu-west-2.outscale.com/api/v1' });
    expect(decoded(result).custom_endpoint_oapi).toBe('https://api.eu-west-2.outscale.com/api/v1');
    expect(result.warnings).toEqual(['oapi_custom_endpoint: deprecated key; use "custom_endpoint_oapi" instead']);
  });

  it('warns that mfa_code and token have no effect, and treats token as a secret', () => {
    const result = decodeBlock(accessBlock, { mfa_code: '123456', token: 'session-token-value' });
    expect(result.warnings).toEqual([
      'mfa_code: has no effect (Outscale access keys are used without MFA codes)',
      'token: has no effect (Outscale access keys need no session token)',
    ]);
    expect(result.ok && result.secrets).toEqual(['session-token-value']);
  });

  it('never quotes a secret in a message', () => {
    const result = decodeBlock(accessBlock, { access_key: 'AK', secret_key: { value: 'wJalrXUtnFEMI/K7MDENG' } });
    const text = JSON.stringify(issuesOf(result));
    expect(text).toContain('secret_key');
    expect(text).not.toContain('wJalrXUtnFEMI');
    const ok = decodeBlock(accessBlock, { access_key: 'AKIA123', secret_key: 'wJalrXUtnFEMI/K7MDENG' });
    expect(ok.ok && ok.secrets.sort()).toEqual(['AKIA123', 'wJalrXUtnFEMI/K7MDENG']);
  });

  it('reads weakly typed booleans', () => {
    const value = decoded(decodeBlock(accessBlock, { insecure_skip_tls_verify: 'true', skip_metadata_api_check: 1 }));
    expect(value.insecure_skip_tls_verify).toBe(true);
    expect(value.skip_metadata_api_check).toBe(true);
  });

  it('maps to osc-auth input, leaving what the template does not set to the profile and environment', () => {
    const value = decoded(
      decodeBlock(accessBlock, {
        access_key: 'AK',
        secret_key: 'SK',
        region: '',
        custom_endpoint_oapi: 'api.eu-west-2.outscale.com',
        x509_cert_path: '/c.pem',
        x509_key_path: '/k.pem',
        profile: 'gov',
        insecure_skip_tls_verify: false,
        mfa_code: 'x',
      }),
    );
    expect(accessInput(value)).toEqual({
      accessKey: 'AK',
      secretKey: 'SK',
      region: undefined,
      customEndpoint: 'api.eu-west-2.outscale.com',
      insecureSkipTlsVerify: false,
      x509CertPath: '/c.pem',
      x509KeyPath: '/k.pem',
      profile: 'gov',
      skipMetadataApiCheck: undefined,
    });
    expect(accessInput(decoded(decodeBlock(accessBlock, {})))).toEqual({
      accessKey: undefined,
      secretKey: undefined,
      region: undefined,
      customEndpoint: undefined,
      insecureSkipTlsVerify: undefined,
      x509CertPath: undefined,
      x509KeyPath: undefined,
      profile: undefined,
      skipMetadataApiCheck: undefined,
    });
  });

  it('feeds osc-auth: template values win field by field, the environment fills the rest', async () => {
    const world = {
      env: { OSC_REGION: 'cloudgouv-eu-west-1', OSC_ACCESS_KEY: 'ENVAK', OSC_SECRET_KEY: 'ENVSK' },
      homedir: '/nonexistent',
    };
    const fromTemplate = decoded(
      decodeBlock(accessBlock, {
        access_key: 'AK',
        secret_key: 'SK',
        oapi_custom_endpoint: 'outscale.com/oapi/latest',
      }),
    );
    const resolved = await resolveAccess(accessInput(fromTemplate), world);
    expect(resolved.credentials.accessKey).toBe('AK');
    expect(resolved.region).toBe('cloudgouv-eu-west-1');
    expect(resolved.endpoint.href).toBe('https://api.cloudgouv-eu-west-1.outscale.com/api/v1/');
    const fromEnv = await resolveAccess(accessInput(decoded(decodeBlock(accessBlock, { region: 'eu-west-2' }))), world);
    expect(fromEnv.credentials.accessKey).toBe('ENVAK');
    expect(fromEnv.region).toBe('eu-west-2');
  });
});
