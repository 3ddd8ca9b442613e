import { describe, expect, it } from 'vitest';
import { localCloudConflicts } from './local-cloud-conflicts';
import { localCloudEnv } from './local-cloud-env';

const access = { endpoint: 'http://127.0.0.1:4000/api/v1', region: 'eu-west-2', accessKey: 'AK', secretKey: 'SK' };

describe('--local-cloud access', () => {
  it('points the environment at the local cloud and drops every other credential source', () => {
    const env = localCloudEnv(
      { PATH: '/bin', OSC_ACCESS_KEY: 'real', OUTSCALE_SECRETKEYID: 'old', OSC_PROFILE: 'prod', HOME: '/h' },
      access,
    );
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/h',
      OSC_ENDPOINT_API: access.endpoint,
      OSC_ACCESS_KEY: 'AK',
      OSC_SECRET_KEY: 'SK',
      OSC_REGION: 'eu-west-2',
      OSC_METADATA_DISABLED: 'true',
    });
  });

  it('refuses template settings that would send the build elsewhere, naming each key', () => {
    expect(localCloudConflicts({ access_key: 'AK', secret_key: 'SK', region: 'eu-west-2' }, access)).toEqual([]);
    expect(localCloudConflicts({ custom_endpoint_oapi: `${access.endpoint}/` }, access)).toEqual([]);
    const issues = localCloudConflicts(
      { access_key: 'OTHER', custom_endpoint_oapi: 'api.eu-west-2.outscale.com', region: 'us-east-2', profile: 'p' },
      access,
    );
    expect(issues.map((issue) => issue.path)).toEqual(['access_key', 'custom_endpoint_oapi', 'region', 'profile']);
    expect(issues[0]?.message).toContain(
      '--local-cloud builds with the credentials and endpoint of its embedded cloud',
    );
  });
});
