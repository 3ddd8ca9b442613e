import { afterEach, describe, expect, it } from 'vitest';
import { type MockApi, mockApi, testKeys } from '../testing-support/mock-api';

const privateKey = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretkeymaterial\n-----END RSA PRIVATE KEY-----';
const adminPassword = 'b64EncryptedAdminPasswordBlob==';
const userData = Buffer.from('#!/bin/sh\necho hunter2 | passwd --stdin root\n').toString('base64');
const exportSecret = 'OOSsecretKeyForTheBucket0123456789abcdef';

let api: MockApi;
afterEach(async () => {
  await api.agent.close();
});

function capture() {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    logger: { debug: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }) },
  };
}

describe('debug logs', () => {
  it('record every attempt and never contain keys, passwords, user data or signatures', async () => {
    const log = capture();
    api = mockApi({ logger: log.logger });
    api.reply('CreateKeypair', 200, {
      Keypair: { KeypairName: 'k', PrivateKey: privateKey },
      ResponseContext: { RequestId: 'r1' },
    });
    api.reply('ReadAdminPassword', 200, {
      AdminPassword: adminPassword,
      VmId: 'i-1',
      ResponseContext: { RequestId: 'r2' },
    });
    api.reply('CreateVms', 503, { Errors: [{ Code: '6', Type: 'AccessDenied', Details: '' }] });
    api.reply('CreateVms', 200, { Vms: [{ VmId: 'i-1', UserData: userData }], ResponseContext: { RequestId: 'r3' } });
    // An error whose details echo the secret key (a worst case): the log line must still not show it.
    api.reply('CreateImageExportTask', 400, {
      Errors: [
        { Code: '4045', Type: 'InvalidParameterValue', Details: `bad key ${exportSecret} / ${testKeys.secretKey}` },
      ],
    });

    await api.client.call('CreateKeypair', { KeypairName: 'k' });
    await api.client.call('ReadAdminPassword', { VmId: 'i-1' });
    await api.client.call('CreateVms', { ImageId: 'ami-1', UserData: userData });
    const exportError = await api.client
      .call('CreateImageExportTask', {
        ImageId: 'ami-1',
        OsuExport: {
          DiskImageFormat: 'qcow2',
          OsuBucket: 'b',
          OsuApiKey: { ApiKeyId: 'AKEXPORTKEY123456789', SecretKey: exportSecret },
        },
      })
      .catch((error: unknown) => error);
    expect((exportError as Error).message).toBe(
      'CreateImageExportTask failed with HTTP 400: [4045] InvalidParameterValue: bad key <sensitive> / <sensitive>',
    );

    const text = JSON.stringify(log.lines);
    const signatures = api.seen.map((request) => request.headers.authorization?.split('Signature=')[1] ?? 'missing');
    for (const secret of [
      privateKey,
      'secretkeymaterial',
      adminPassword,
      userData,
      exportSecret,
      testKeys.secretKey,
      ...signatures,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('AKEXPORTKEY123456789');
    expect(text).toContain('<sensitive>');

    const attempts = log.lines.filter((line) => line.fields?.durationMs !== undefined);
    expect(attempts.map((line) => [line.fields?.operation, line.fields?.attempt, line.fields?.status])).toEqual([
      ['CreateKeypair', 1, 200],
      ['ReadAdminPassword', 1, 200],
      ['CreateVms', 1, 503],
      ['CreateVms', 2, 200],
      ['CreateImageExportTask', 1, 400],
    ]);
    expect(attempts[0]?.message).toMatch(/^OAPI CreateKeypair attempt 1: HTTP 200 in \d+ ms \(request id r1\)$/);
    expect(attempts[0]?.fields?.requestId).toBe('r1');
    expect(log.lines.some((line) => /^OAPI CreateVms: retrying in \d+ ms \(throttled\)$/.test(line.message))).toBe(
      true,
    );
  });

  it('never quote a secret from an answer cut short, in the error or in the logs', async () => {
    const log = capture();
    api = mockApi({ logger: log.logger, retry: { maxAttempts: 1 } });
    // A proxy cut the answers: the JSON ends inside the private key and inside the password.
    const keypairAnswer = JSON.stringify({ Keypair: { KeypairName: 'k', PrivateKey: privateKey } }).slice(0, 90);
    const passwordAnswer = JSON.stringify({ VmId: 'i-1', AdminPassword: adminPassword }).slice(0, 40);
    api.reply('CreateKeypair', 200, keypairAnswer);
    api.reply('ReadAdminPassword', 200, passwordAnswer);
    api.reply('ReadVms', 502, `<html>bad gateway for ${testKeys.secretKey}</html>`);
    const failure = (call: Promise<unknown>) =>
      call.then(
        () => new Error('the call succeeded'),
        (error: unknown) => error as Error,
      );
    const errors = await Promise.all([
      failure(api.client.call('CreateKeypair', { KeypairName: 'k' })),
      failure(api.client.call('ReadAdminPassword', { VmId: 'i-1' })),
      failure(api.client.call('ReadVms', {})),
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      'CreateKeypair failed with HTTP 200: HTTP 200 with no error details (body starts: "{\\"Keypair\\":{\\"KeypairName\\":\\"k\\",\\"PrivateKey\\":\\"<sensitive>\\"")',
      'ReadAdminPassword failed with HTTP 200: HTTP 200 with no error details (body starts: "{\\"VmId\\":\\"i-1\\",\\"AdminPassword\\":\\"<sensitive>\\"")',
      'ReadVms failed with HTTP 502: HTTP 502 with no error details (body starts: "<html>bad gateway for <sensitive></html>")',
    ]);
    const text = JSON.stringify(log.lines);
    for (const secret of ['BEGIN RSA PRIVATE KEY', 'MIIEow', adminPassword.slice(0, 8), testKeys.secretKey]) {
      for (const error of errors) expect(error.message).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
  });
});
