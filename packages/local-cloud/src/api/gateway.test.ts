import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud';
import { memoryMachines } from '../testing/memory-machines';
import { type Signer, signedCall } from '../testing/signed-call';

let cloud: LocalCloud;
let signer: Signer;

beforeAll(async () => {
  cloud = await startLocalCloud({ timing: 'instant', machines: memoryMachines() });
  const [account] = cloud.accounts;
  if (!account) throw new Error('no account');
  signer = { accessKey: account.accessKey, secretKey: account.secretKey, region: cloud.region };
});
afterAll(() => cloud.close());

function expectAuthFailure(answer: Awaited<ReturnType<typeof signedCall>>) {
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({
    Errors: [{ Code: '1', Type: 'AccessDenied', Details: '' }],
    ResponseContext: { RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  });
  // Clients diagnose clock skew by comparing their clock with the answer's Date.
  expect(Date.parse(answer.headers.get('date') ?? '')).not.toBeNaN();
}

describe('the gateway', () => {
  it('accepts OSC4 and AWS4 signatures', async () => {
    for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
      const answer = await signedCall(cloud.endpoint, 'ReadAccounts', {}, { ...signer, algorithm });
      expect(answer.status).toBe(200);
      expect(answer.body.Accounts).toEqual([expect.objectContaining({ AccountId: cloud.accounts[0]?.accountId })]);
    }
  });

  it('refuses a bad signature, an unknown key and a skewed clock with AccessDenied code 1', async () => {
    expectAuthFailure(await signedCall(cloud.endpoint, 'ReadVms', {}, { ...signer, secretKey: 'x'.repeat(40) }));
    expectAuthFailure(
      await signedCall(cloud.endpoint, 'ReadVms', {}, { ...signer, accessKey: 'UNKNOWNKEY0123456789' }),
    );
    const skewed = new Date(Date.now() - 6 * 60_000);
    expectAuthFailure(await signedCall(cloud.endpoint, 'ReadVms', {}, { ...signer, now: skewed }));
    expectAuthFailure(await signedCall(cloud.endpoint, 'ReadVms', {}));
  });

  it('serves the calls that need no signature without one', async () => {
    const regions = await signedCall(cloud.endpoint, 'ReadRegions', {});
    expect(regions.status).toBe(200);
    expect(regions.body.Regions).toEqual([{ RegionName: 'eu-west-2', Endpoint: new URL(cloud.endpoint).host }]);
    expect(
      (await signedCall(cloud.endpoint, 'ReadVmTypes', { Filters: { VmTypeNames: ['t2.small'] } })).body.VmTypes,
    ).toHaveLength(1);
  });

  it('answers unknown calls, unknown parameters and bad JSON with the API error shape', async () => {
    const unknown = await signedCall(cloud.endpoint, 'FrobnicateVms', {}, signer);
    expect(unknown.status).toBe(400);
    expect(unknown.body.Errors).toEqual([expect.objectContaining({ Type: 'DefaultError' })]);
    const parameter = await signedCall(cloud.endpoint, 'ReadVms', { Filter: {} }, signer);
    expect(parameter).toMatchObject({ status: 400, body: { Errors: [{ Code: '3001', Type: 'InvalidParameter' }] } });
    const filter = await signedCall(cloud.endpoint, 'ReadVms', { Filters: { VmIds: 'i-12345678' } }, signer);
    expect(filter).toMatchObject({ status: 400, body: { Errors: [{ Type: 'InvalidParameterValue' }] } });
  });

  it('answers DryRun with an empty success once the signature is good', async () => {
    const answer = await signedCall(cloud.endpoint, 'DeleteVms', { DryRun: true, VmIds: ['i-00000000'] }, signer);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['ResponseContext']);
    expectAuthFailure(
      await signedCall(cloud.endpoint, 'ReadVms', { DryRun: true }, { ...signer, secretKey: 'y'.repeat(40) }),
    );
  });
});
