import { mkdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { makeTempHome, type TempHome } from '../testing/temp-home';
import { fromProfileFile } from './from-profile-file';

const sk = '0123456789ABCDEFGHIJabcdefghij0123456789';
let home: TempHome;

beforeEach(async () => {
  home = await makeTempHome();
});
afterEach(async () => {
  await home.remove();
});

async function lookup(options: { profile?: string; env?: Record<string, string> } = {}) {
  const warnings: string[] = [];
  const result = await fromProfileFile({
    homedir: home.dir,
    env: options.env ?? {},
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    onWarning: (w) => warnings.push(w),
  })().catch((e: unknown) => e);
  return { result, warnings, message: result instanceof Error ? result.message : '' };
}

describe('fromProfileFile: which profile', () => {
  it('uses the profile named "default" when none is marked', async () => {
    await home.writeConfig({
      default: { access_key: 'AKDEF', secret_key: sk },
      other: { access_key: 'AKO', secret_key: sk },
    });
    const { result } = await lookup();
    expect(result).toMatchObject({ accessKey: 'AKDEF', source: `profile "default" in ${home.configPath}` });
  });

  it('prefers the profile marked "default": true over one named default', async () => {
    await home.writeConfig({
      default: { access_key: 'AKDEF', secret_key: sk },
      work: { access_key: 'AKWORK', secret_key: sk, default: true },
    });
    expect((await lookup()).result).toMatchObject({ accessKey: 'AKWORK' });
  });

  it('uses OSC_PROFILE, and the profile option over OSC_PROFILE', async () => {
    await home.writeConfig({
      default: { access_key: 'AKDEF', secret_key: sk },
      gov: { access_key: 'AKGOV', secret_key: sk },
      eu: { access_key: 'AKEU', secret_key: sk },
    });
    expect((await lookup({ env: { OSC_PROFILE: 'gov' } })).result).toMatchObject({ accessKey: 'AKGOV' });
    expect((await lookup({ profile: 'eu', env: { OSC_PROFILE: 'gov' } })).result).toMatchObject({ accessKey: 'AKEU' });
  });

  it('reads OSC_CONFIG_FILE, with ~/ meaning the home directory', async () => {
    const path = await home.writeFile(
      'elsewhere/osc.json',
      JSON.stringify({ default: { access_key: 'AKX', secret_key: sk } }),
    );
    const { result } = await lookup({ env: { OSC_CONFIG_FILE: '~/elsewhere/osc.json' } });
    expect(result).toMatchObject({ accessKey: 'AKX', source: `profile "default" in ${path}` });
  });
});

describe('fromProfileFile: nothing there moves on', () => {
  it('is "not found" when the default file does not exist', async () => {
    const { result, message } = await lookup();
    expect(CredentialsNotFoundError.isInstance(result)).toBe(true);
    expect(message).toBe(`profile file: ${home.configPath} does not exist`);
  });

  it('is "not found" when the file has no default profile', async () => {
    await home.writeConfig({ gov: { access_key: 'AKGOV', secret_key: sk } });
    const { result, message } = await lookup();
    expect(CredentialsNotFoundError.isInstance(result)).toBe(true);
    expect(message).toContain('has no profile marked "default": true and none named "default"');
  });

  it('is "not found" when the profile holds no keys (only a region, say)', async () => {
    await home.writeConfig({ default: { region: 'us-east-2' } });
    expect(CredentialsNotFoundError.isInstance((await lookup()).result)).toBe(true);
  });
});

describe('fromProfileFile: broken stops the chain', () => {
  it('a named profile that does not exist, listing the ones that do', async () => {
    await home.writeConfig({ default: { access_key: 'A', secret_key: sk }, eu: {} });
    const { result, message } = await lookup({ env: { OSC_PROFILE: 'gov' } });
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect(message).toBe(
      `profile "gov" (asked for by environment (OSC_PROFILE)) does not exist in ${home.configPath}; it has "default", "eu"`,
    );
  });

  it('a named profile when the file is missing', async () => {
    const { result, message } = await lookup({ profile: 'gov' });
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect(message).toContain(`${home.configPath} (default location) does not exist`);
    expect(message).toContain('profile "gov" was asked for by the profile option');
  });

  it('an OSC_CONFIG_FILE that does not exist', async () => {
    const { result, message } = await lookup({ env: { OSC_CONFIG_FILE: `${home.dir}/nope.json` } });
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect(message).toContain('it is named by environment (OSC_CONFIG_FILE)');
  });

  it('a file that is not JSON, with the place but without quoting the file', async () => {
    await home.writeConfig(`{\n  "default": {\n    "access_key": "AK",\n    "secret_key": "${sk}"\n  }}\n}`);
    const { result, message } = await lookup();
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect(message).toMatch(new RegExp(`^config file ${home.configPath} is not valid JSON \\(`));
    expect(message).not.toContain(sk);
    expect(JSON.stringify(result)).not.toContain(sk);
    expect((result as Error).cause).toBeUndefined();
  });

  it('a file that is JSON but not an object of profiles', async () => {
    await home.writeConfig('[1, 2]');
    expect((await lookup()).message).toContain('must hold a JSON object of profiles');
  });

  it('a profile with one key of the pair', async () => {
    await home.writeConfig({ default: { secret_key: sk } });
    const { result, message } = await lookup();
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect(message).toBe(
      `profile "default" in ${home.configPath} sets secret_key but not access_key; a profile needs both keys`,
    );
  });

  it('a known key with the wrong type', async () => {
    await home.writeConfig({ default: { access_key: 'AK', secret_key: sk, region: 42 } });
    expect((await lookup()).message).toBe(`profile "default" in ${home.configPath}: region must be a string`);
  });

  it('two profiles marked default', async () => {
    await home.writeConfig({ a: { default: true }, b: { default: true } });
    expect((await lookup()).message).toContain('profiles "a" and "b" in');
  });

  it('a file that cannot be read (here a directory, which fails for root too)', async () => {
    await mkdir(home.configPath, { recursive: true });
    const { result, message } = await lookup();
    expect(CredentialsConfigError.isInstance(result)).toBe(true);
    expect(message).toMatch(/\(default location\) cannot be read \(EISDIR/);
  });
});

describe('fromProfileFile: tolerance and hygiene', () => {
  it('ignores keys it does not know (the file is shared with other tools)', async () => {
    await home.writeConfig({
      default: { access_key: 'AK', secret_key: sk, method: 'POST', login: 'me', oks: { x: 1 }, access_key_v2: 'v2' },
    });
    expect((await lookup()).result).toMatchObject({ accessKey: 'AK' });
  });

  it('warns once when other users can read the file (real file mode), not when it is 0600', async () => {
    await home.writeConfig({ default: { access_key: 'AK', secret_key: sk } }, 0o644);
    const open = await lookup();
    expect(open.warnings).toEqual([
      `config file ${home.configPath} is readable by other users (mode 0644) and holds secret keys; restrict it with: chmod 600 ${home.configPath}`,
    ]);
    await home.writeConfig({ default: { access_key: 'AK', secret_key: sk } }, 0o640);
    expect((await lookup()).warnings).toHaveLength(1);
    await home.writeConfig({ default: { access_key: 'AK', secret_key: sk } }, 0o600);
    expect((await lookup()).warnings).toEqual([]);
  });
});
