import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { EndpointError } from '../errors/endpoint-error';
import { type MetadataServer, startMetadataServer } from '../testing/metadata-server';
import { makeTempHome, type TempHome } from '../testing/temp-home';
import type { AccessInput, ResolvedAccess } from './access-input';
import { resolveAccess } from './resolve-access';

// Six sources, each with its own keys so the winner is obvious:
// T template keys, P profile named in the template, E OSC_* pair, L OUTSCALE_* pair,
// F the ambient profile (default, or OSC_PROFILE), M the VM metadata service (region only).
const secret = (tag: string) => `${tag}-SECRET-0123456789abcdefghij0123456789`;
const T: AccessInput = { accessKey: 'AK-TEMPLATE', secretKey: secret('T') };
const E = { OSC_ACCESS_KEY: 'AK-ENV', OSC_SECRET_KEY: secret('E') };
const L = { OUTSCALE_ACCESSKEYID: 'AK-LEGACY', OUTSCALE_SECRETKEYID: secret('L') };
const profiles = {
  default: { access_key: 'AK-FILE', secret_key: secret('F'), region: 'us-east-2' },
  gov: { access_key: 'AK-GOV', secret_key: secret('P'), region: 'cloudgouv-eu-west-1' },
  bare: { region: 'ap-northeast-1' },
  noregion: { access_key: 'AK-NOREGION', secret_key: secret('N') },
};
const allSecrets = ['T', 'E', 'L', 'F', 'P', 'N'].map(secret);

let home: TempHome;
let metadata: MetadataServer;
beforeAll(async () => {
  metadata = await startMetadataServer({ zone: 'us-west-1a' });
});
afterAll(async () => {
  await metadata.close();
});
beforeEach(async () => {
  home = await makeTempHome();
  metadata.requests.length = 0;
});
afterEach(async () => {
  await home.remove();
});

type Outcome = { access: ResolvedAccess; error?: undefined } | { access?: undefined; error: Error };

async function resolve(
  input: AccessInput,
  env: Record<string, string> = {},
  config: unknown = undefined,
): Promise<Outcome> {
  if (config !== undefined) await home.writeConfig(config);
  let access: ResolvedAccess;
  try {
    access = await resolveAccess(input, {
      env,
      homedir: home.dir,
      metadata: { baseUrl: metadata.baseUrl, timeoutMs: 5000 },
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    for (const s of allSecrets) expect(error.message).not.toContain(s);
    return { error };
  }
  for (const s of allSecrets) expect(access.warnings.join('\n')).not.toContain(s);
  return { access };
}

async function keysOf(input: AccessInput, env: Record<string, string> = {}, config: unknown = profiles) {
  const { access, error } = await resolve(input, env, config);
  if (error) throw error;
  return access?.credentials.accessKey;
}

describe('each source alone', () => {
  it('T: template keys; region from the metadata service, endpoint derived', async () => {
    const { access } = await resolve(T);
    expect(access).toMatchObject({
      credentials: { accessKey: 'AK-TEMPLATE', secretKey: secret('T'), source: 'template' },
      region: 'us-west-1',
      regionSource: `VM metadata (subregion us-west-1a at ${metadata.baseUrl}placement/availability-zone)`,
      endpointSource: 'derived from region us-west-1',
      tls: { rejectUnauthorized: true },
      signatureAlgorithm: 'OSC4-HMAC-SHA256',
      warnings: [],
    });
    expect(access?.endpoint.href).toBe('https://api.us-west-1.outscale.com/api/v1/');
  });

  it('P: the profile the template names, with its region', async () => {
    const { access } = await resolve({ profile: 'gov' }, {}, profiles);
    expect(access).toMatchObject({
      credentials: { accessKey: 'AK-GOV', source: `profile "gov" in ${home.configPath}` },
      region: 'cloudgouv-eu-west-1',
      regionSource: `profile "gov" in ${home.configPath} (region)`,
    });
    expect(metadata.requests).toEqual([]);
  });

  it('E: OSC_ACCESS_KEY/OSC_SECRET_KEY', async () => {
    const { access } = await resolve({}, E);
    expect(access?.credentials).toMatchObject({
      accessKey: 'AK-ENV',
      source: 'environment (OSC_ACCESS_KEY/OSC_SECRET_KEY)',
    });
  });

  it('L: the deprecated OUTSCALE_* pair, with one warning per variable', async () => {
    const { access } = await resolve({}, { ...L, OUTSCALE_REGION: 'eu-west-2' });
    expect(access?.credentials.accessKey).toBe('AK-LEGACY');
    expect(access?.region).toBe('eu-west-2');
    expect(access?.warnings).toEqual([
      'OUTSCALE_ACCESSKEYID is deprecated; use OSC_ACCESS_KEY instead',
      'OUTSCALE_SECRETKEYID is deprecated; use OSC_SECRET_KEY instead',
      'OUTSCALE_REGION is deprecated; use OSC_REGION instead',
    ]);
  });

  it('F: the default profile, with its region', async () => {
    const { access } = await resolve({}, {}, profiles);
    expect(access).toMatchObject({ credentials: { accessKey: 'AK-FILE' }, region: 'us-east-2' });
  });

  it('F: the profile OSC_PROFILE names', async () => {
    const { access } = await resolve({}, { OSC_PROFILE: 'gov' }, profiles);
    expect(access?.credentials.accessKey).toBe('AK-GOV');
  });

  it('M alone: no credentials, and the message says Outscale VMs have none', async () => {
    const { error } = await resolve({});
    expect(CredentialsNotFoundError.isInstance(error)).toBe(true);
    expect(error?.message).toBe(
      'No Outscale credentials found. Looked in:\n' +
        '  - template: neither access_key nor secret_key is set\n' +
        '  - environment: OSC_ACCESS_KEY/OSC_SECRET_KEY are not set\n' +
        `  - profile file: ${home.configPath} does not exist\n` +
        '  - VM metadata: this is an Outscale VM in us-west-1, but Outscale gives VMs no credentials (there is no ' +
        'instance role); set access_key/secret_key in the template, OSC_ACCESS_KEY/OSC_SECRET_KEY, or a profile in ' +
        '~/.osc/config.json',
    );
  });
});

describe('each pair of sources: who gives the keys', () => {
  it.each<[string, AccessInput, Record<string, string>, string]>([
    ['T > P', { ...T, profile: 'gov' }, {}, 'AK-TEMPLATE'],
    ['T > E', T, E, 'AK-TEMPLATE'],
    ['T > L', T, L, 'AK-TEMPLATE'],
    ['T > F', T, {}, 'AK-TEMPLATE'],
    ['P > E (explicit choice beats ambient keys)', { profile: 'gov' }, E, 'AK-GOV'],
    ['P > L', { profile: 'gov' }, L, 'AK-GOV'],
    ['P replaces F (OSC_PROFILE is not consulted)', { profile: 'gov' }, { OSC_PROFILE: 'noregion' }, 'AK-GOV'],
    ['E > L', {}, { ...E, ...L }, 'AK-ENV'],
    ['E > F', {}, E, 'AK-ENV'],
    ['E > F named by OSC_PROFILE', {}, { ...E, OSC_PROFILE: 'gov' }, 'AK-ENV'],
    ['L > F', {}, L, 'AK-LEGACY'],
    ['a keyless named profile lets E give the keys', { profile: 'bare' }, E, 'AK-ENV'],
  ])('%s', async (_name, input, env, expected) => {
    expect(await keysOf(input, env)).toBe(expected);
  });

  it.each<[string, AccessInput, Record<string, string>, string]>([
    ['T + M', T, {}, 'AK-TEMPLATE'],
    ['P + M', { profile: 'noregion' }, {}, 'AK-NOREGION'],
    ['E + M', {}, E, 'AK-ENV'],
    ['L + M', {}, L, 'AK-LEGACY'],
    ['F + M', {}, { OSC_PROFILE: 'noregion' }, 'AK-NOREGION'],
  ])('%s: keys from the first, region from the metadata service', async (_name, input, env, expected) => {
    const { access } = await resolve(input, env, profiles);
    expect(access?.credentials.accessKey).toBe(expected);
    expect(access?.region).toBe('us-west-1');
    expect(metadata.requests).toHaveLength(1);
  });

  it('says which ambient setting lost to an explicit one', async () => {
    expect((await resolve({ profile: 'gov' }, E, profiles)).access?.warnings).toEqual([
      'keys in the environment (OSC_ACCESS_KEY/OSC_SECRET_KEY) ignored: the template names profile "gov"',
    ]);
    expect((await resolve({}, { ...E, OSC_PROFILE: 'gov' }, profiles)).access?.warnings).toEqual([
      'OSC_PROFILE="gov" ignored: keys in the environment (OSC_ACCESS_KEY/OSC_SECRET_KEY) come first',
    ]);
  });
});

describe('region, endpoint and TLS: field by field, first source in play', () => {
  it('template keys + OSC_REGION: region from the environment (as in Packer)', async () => {
    const { access } = await resolve(T, { OSC_REGION: 'us-east-2' });
    expect(access).toMatchObject({ region: 'us-east-2', regionSource: 'environment (OSC_REGION)' });
    expect(metadata.requests).toEqual([]);
  });

  it('template region beats OSC_REGION and the named profile', async () => {
    const { access } = await resolve(
      { ...T, region: 'eu-west-2', profile: 'gov' },
      { OSC_REGION: 'us-east-2' },
      profiles,
    );
    expect(access).toMatchObject({ region: 'eu-west-2', regionSource: 'template (region)' });
  });

  it('template keys + named profile: region from the profile', async () => {
    const { access } = await resolve({ ...T, profile: 'gov' }, {}, profiles);
    expect(access).toMatchObject({ credentials: { accessKey: 'AK-TEMPLATE' }, region: 'cloudgouv-eu-west-1' });
  });

  it("the named profile's region beats OSC_REGION; OSC_REGION fills a profile without one", async () => {
    expect((await resolve({ profile: 'gov' }, { OSC_REGION: 'us-east-2' }, profiles)).access?.region).toBe(
      'cloudgouv-eu-west-1',
    );
    expect((await resolve({ profile: 'noregion' }, { OSC_REGION: 'us-east-2' }, profiles)).access?.region).toBe(
      'us-east-2',
    );
  });

  it('OSC_REGION beats the region of the ambient profile that gave the keys', async () => {
    const { access } = await resolve({}, { OSC_REGION: 'eu-west-2' }, profiles);
    expect(access).toMatchObject({ credentials: { accessKey: 'AK-FILE' }, region: 'eu-west-2' });
  });

  it('the ambient profile counts only when it gives the keys: its region never joins other keys', async () => {
    const { access } = await resolve({}, E, profiles);
    expect(access).toMatchObject({ credentials: { accessKey: 'AK-ENV' }, region: 'us-west-1' });
  });

  it('endpoint: template > OSC_ENDPOINT_API > profile endpoints.api', async () => {
    const config = {
      default: { ...profiles.default, endpoints: { api: 'https://profile.example.com/api/v1' } },
    };
    const template = { customEndpoint: 'https://template.example.com/api/v1' };
    const env = { OSC_ENDPOINT_API: 'https://env.example.com/api/v1' };
    expect((await resolve(template, env, config)).access).toMatchObject({
      endpointSource: 'template (custom_endpoint_oapi)',
      endpoint: new URL('https://template.example.com/api/v1/'),
    });
    expect((await resolve({}, env, config)).access).toMatchObject({
      endpointSource: 'environment (OSC_ENDPOINT_API)',
      endpoint: new URL('https://env.example.com/api/v1/'),
    });
    expect((await resolve({}, {}, config)).access).toMatchObject({
      endpointSource: `profile "default" in ${home.configPath} (endpoints.api)`,
      endpoint: new URL('https://profile.example.com/api/v1/'),
    });
  });

  it('a scheme-less profile endpoint takes the profile protocol (local-cloud over http)', async () => {
    const config = { default: { ...profiles.default, endpoints: { api: '127.0.0.1:41234/api/v1' }, protocol: 'http' } };
    expect((await resolve({}, {}, config)).access?.endpoint.href).toBe('http://127.0.0.1:41234/api/v1/');
  });

  it('the region named by an Outscale endpoint host comes before the metadata service', async () => {
    const { access } = await resolve({ ...T, customEndpoint: 'api.ap-northeast-1.outscale.com' });
    expect(access).toMatchObject({
      region: 'ap-northeast-1',
      regionSource: 'endpoint host api.ap-northeast-1.outscale.com (template (custom_endpoint_oapi))',
    });
    expect(metadata.requests).toEqual([]);
  });

  it('warns when the region and the endpoint host disagree', async () => {
    const { access } = await resolve({
      ...T,
      region: 'eu-west-2',
      customEndpoint: 'https://api.us-east-2.outscale.com',
    });
    expect(access?.warnings).toEqual([
      'region eu-west-2 (template (region)) does not match the endpoint host api.us-east-2.outscale.com; requests ' +
        'are signed for eu-west-2 and the API will refuse them unless that is intended',
    ]);
  });

  it('the legacy endpoint suffix and its warning pass through', async () => {
    const { access } = await resolve({ ...T, region: 'eu-west-2' }, { OUTSCALE_OAPI_URL: 'outscale.com/oapi/latest' });
    expect(access?.endpoint.href).toBe('https://api.eu-west-2.outscale.com/api/v1/');
    expect(access?.warnings).toHaveLength(2);
    expect(access?.warnings[0]).toBe('OUTSCALE_OAPI_URL is deprecated; use OSC_ENDPOINT_API instead');
  });

  it('defaults to eu-west-2 when the metadata service is skipped, and never asks it', async () => {
    for (const [input, env] of [
      [{ ...T, skipMetadataApiCheck: true }, {}],
      [T, { OSC_METADATA_DISABLED: 'true' }],
    ] as const) {
      const { access } = await resolve(input, env);
      expect(access).toMatchObject({ region: 'eu-west-2', regionSource: 'default' });
    }
    expect(metadata.requests).toEqual([]);
  });

  it('TLS verification is off when any source in play turns it off, with a warning', async () => {
    const { access } = await resolve(T, { OSC_TLS_SKIP_VERIFY: 'true', OSC_REGION: 'eu-west-2' });
    expect(access?.tls).toEqual({ rejectUnauthorized: false });
    expect(access?.warnings).toEqual([
      'TLS certificate verification is disabled (environment (OSC_TLS_SKIP_VERIFY)): anyone on the path can read ' +
        'and alter requests',
    ]);
    const fromProfile = await resolve({}, {}, { default: { ...profiles.default, tls_skip_verify: true } });
    expect(fromProfile.access?.tls.rejectUnauthorized).toBe(false);
    expect(
      (await resolve({ ...T, insecureSkipTlsVerify: true, region: 'eu-west-2' })).access?.tls.rejectUnauthorized,
    ).toBe(false);
  });

  it('chooses AWS4 signing when asked, and refuses an unknown algorithm', async () => {
    const aws4 = await resolve({ ...T, region: 'eu-west-2', signatureAlgorithm: 'AWS4-HMAC-SHA256' });
    expect(aws4.access?.signatureAlgorithm).toBe('AWS4-HMAC-SHA256');
    const bad = await resolve({ ...T, signatureAlgorithm: 'HMAC-MD5' as never });
    expect(CredentialsConfigError.isInstance(bad.error)).toBe(true);
  });
});

describe('broken sources stop resolution', () => {
  it('half a template pair, even when the environment has keys', async () => {
    const { error } = await resolve({ accessKey: 'AK-TEMPLATE' }, E);
    expect(CredentialsConfigError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('template: access_key is set but secret_key is not');
  });

  it('half an environment pair, even when the default profile has keys', async () => {
    const { error } = await resolve({}, { OSC_SECRET_KEY: secret('E') }, profiles);
    expect(CredentialsConfigError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('OSC_SECRET_KEY is set but OSC_ACCESS_KEY is not');
  });

  it('a named profile that does not exist, even when the template has keys', async () => {
    const { error } = await resolve({ ...T, profile: 'prod' }, {}, profiles);
    expect(CredentialsConfigError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('profile "prod" (asked for by the template (profile)) does not exist');
  });

  it('a config file that is not JSON, when the chain reaches it', async () => {
    const { error } = await resolve({}, {}, '{"default": {"access_key": "AK"');
    expect(CredentialsConfigError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('is not valid JSON');
  });

  it('but a broken default file does not matter when keys come first', async () => {
    const { access } = await resolve({}, E, 'not json');
    expect(access?.credentials.accessKey).toBe('AK-ENV');
  });

  it('an unknown region without a custom endpoint', async () => {
    const { error } = await resolve({ ...T, region: 'eu-west-9' });
    expect(EndpointError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('unknown region "eu-west-9"');
  });

  it('the permission warning of the config file reaches the result once', async () => {
    await home.writeConfig(profiles, 0o644);
    const { access } = await resolve({}, { OSC_REGION: 'eu-west-2' });
    expect(access?.warnings).toEqual([expect.stringContaining('is readable by other users (mode 0644)')]);
  });
});
