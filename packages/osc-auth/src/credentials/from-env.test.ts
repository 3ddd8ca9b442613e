import { describe, expect, it } from 'vitest';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { fromEnv } from './from-env';
import { fromStatic } from './from-static';
import { readEnvironment } from './read-environment';

const ak = 'ABCDEFGHIJ0123456789';
const sk = '0123456789ABCDEFGHIJabcdefghij0123456789';

async function envKeys(env: Record<string, string | undefined>) {
  const warnings: string[] = [];
  const result = await fromEnv({ env, onWarning: (w) => warnings.push(w) })().catch((e: unknown) => e);
  return { result, warnings };
}

describe('fromStatic', () => {
  it('returns both keys, trimmed, with source "template"', async () => {
    expect(await fromStatic({ accessKey: ` ${ak}\n`, secretKey: sk })()).toMatchObject({
      accessKey: ak,
      secretKey: sk,
      source: 'template',
    });
  });

  it('is "not found" when both are blank', async () => {
    await expect(fromStatic({ accessKey: '', secretKey: '  ' })()).rejects.toSatisfy(
      CredentialsNotFoundError.isInstance,
    );
  });

  it('is broken with one key only, naming the missing one and never the secret', async () => {
    const error = await fromStatic({ secretKey: sk })().catch((e: unknown) => e);
    expect(CredentialsConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'template: secret_key is set but access_key is not; the two keys must both be set or both be left out',
    );
    expect((error as Error).message).not.toContain(sk);
  });
});

describe('fromEnv', () => {
  it('reads OSC_ACCESS_KEY/OSC_SECRET_KEY', async () => {
    const { result, warnings } = await envKeys({ OSC_ACCESS_KEY: ak, OSC_SECRET_KEY: sk });
    expect(result).toMatchObject({
      accessKey: ak,
      secretKey: sk,
      source: 'environment (OSC_ACCESS_KEY/OSC_SECRET_KEY)',
    });
    expect(warnings).toEqual([]);
  });

  it('reads the legacy pair with one deprecation warning per variable', async () => {
    const { result, warnings } = await envKeys({ OUTSCALE_ACCESSKEYID: ak, OUTSCALE_SECRETKEYID: sk });
    expect(result).toMatchObject({ accessKey: ak, source: 'environment (OUTSCALE_ACCESSKEYID/OUTSCALE_SECRETKEYID)' });
    expect(warnings).toEqual([
      'OUTSCALE_ACCESSKEYID is deprecated; use OSC_ACCESS_KEY instead',
      'OUTSCALE_SECRETKEYID is deprecated; use OSC_SECRET_KEY instead',
    ]);
  });

  it('prefers the OSC_* pair and says the legacy one is ignored', async () => {
    const { result, warnings } = await envKeys({
      OSC_ACCESS_KEY: ak,
      OSC_SECRET_KEY: sk,
      OUTSCALE_ACCESSKEYID: 'OLDAK',
      OUTSCALE_SECRETKEYID: 'OLDSK',
    });
    expect(result).toMatchObject({ accessKey: ak, secretKey: sk });
    expect(warnings).toContain(
      'OUTSCALE_ACCESSKEYID is deprecated; use OSC_ACCESS_KEY instead (ignored: OSC_ACCESS_KEY is set)',
    );
  });

  it('is "not found" with no variables, or only blank ones', async () => {
    expect(CredentialsNotFoundError.isInstance((await envKeys({})).result)).toBe(true);
    expect(
      CredentialsNotFoundError.isInstance((await envKeys({ OSC_ACCESS_KEY: '', OSC_SECRET_KEY: ' ' })).result),
    ).toBe(true);
  });

  it.each([
    [{ OSC_ACCESS_KEY: ak }, 'OSC_ACCESS_KEY is set but OSC_SECRET_KEY is not'],
    [{ OSC_SECRET_KEY: sk }, 'OSC_SECRET_KEY is set but OSC_ACCESS_KEY is not'],
    [{ OUTSCALE_SECRETKEYID: sk }, 'OUTSCALE_SECRETKEYID is set but OUTSCALE_ACCESSKEYID is not'],
  ])('is broken with half a pair (%o)', async (env, expected) => {
    const { result } = await envKeys(env);
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect((result as Error).message).toContain(expected);
    expect((result as Error).message).not.toContain(sk);
  });

  it('never mixes an old and a new name into one pair', async () => {
    const { result } = await envKeys({ OSC_ACCESS_KEY: ak, OUTSCALE_SECRETKEYID: sk });
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect((result as Error).message).toContain('Old (OUTSCALE_*) and new (OSC_*) names are never mixed');
  });
});

describe('readEnvironment', () => {
  it('reads every variable, OSC_* winning field by field over OUTSCALE_*', () => {
    const reading = readEnvironment({
      OSC_REGION: 'us-east-2',
      OUTSCALE_REGION: 'eu-west-2',
      OUTSCALE_OAPI_URL: 'https://legacy.example/api/v1',
      OUTSCALE_X509CERT: '/legacy/cert.pem',
      OSC_X509_CLIENT_KEY: '/new/key.pem',
      OUTSCALE_X509KEY: '/legacy/key.pem',
      OSC_X509_CLIENT_CERT_B64: 'Y2VydA==',
      OSC_X509_CLIENT_KEY_B64: 'a2V5',
      OSC_TLS_SKIP_VERIFY: 'YES',
      OSC_PROFILE: 'gov',
      OSC_CONFIG_FILE: '/etc/osc.json',
      OSC_METADATA_DISABLED: 'true',
    });
    expect(reading.settings.region).toEqual({ value: 'us-east-2', source: 'environment (OSC_REGION)' });
    expect(reading.settings.endpoint).toEqual({
      value: 'https://legacy.example/api/v1',
      source: 'environment (OUTSCALE_OAPI_URL)',
    });
    expect(reading.settings.x509).toEqual({
      certPath: { value: '/legacy/cert.pem', source: 'environment (OUTSCALE_X509CERT)' },
      keyPath: { value: '/new/key.pem', source: 'environment (OSC_X509_CLIENT_KEY)' },
      certB64: { value: 'Y2VydA==', source: 'environment (OSC_X509_CLIENT_CERT_B64)' },
      keyB64: { value: 'a2V5', source: 'environment (OSC_X509_CLIENT_KEY_B64)' },
    });
    expect(reading.settings.tlsSkipVerify?.value).toBe(true);
    expect(reading.profile?.value).toBe('gov');
    expect(reading.configFile?.value).toBe('/etc/osc.json');
    expect(reading.metadataDisabled).toBe(true);
    expect(reading.warnings).toEqual([
      'OUTSCALE_REGION is deprecated; use OSC_REGION instead (ignored: OSC_REGION is set)',
      'OUTSCALE_OAPI_URL is deprecated; use OSC_ENDPOINT_API instead',
      'OUTSCALE_X509CERT is deprecated; use OSC_X509_CLIENT_CERT instead',
      'OUTSCALE_X509KEY is deprecated; use OSC_X509_CLIENT_KEY instead (ignored: OSC_X509_CLIENT_KEY is set)',
    ]);
  });

  it('refuses a yes/no variable it cannot read instead of guessing', () => {
    expect(() => readEnvironment({ OSC_TLS_SKIP_VERIFY: 'maybe' })).toThrow(
      "OSC_TLS_SKIP_VERIFY must be true or false (got 'maybe')",
    );
    expect(readEnvironment({ OSC_TLS_SKIP_VERIFY: 'no' }).settings.tlsSkipVerify?.value).toBe(false);
  });
});
