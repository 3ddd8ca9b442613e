import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { chain } from './chain';
import { memoize } from './memoize';
import { type CredentialProvider, makeCredentials } from './osc-credentials';

const found =
  (source: string): CredentialProvider =>
  async () =>
    makeCredentials('AK', 'SK', source);
const nothing =
  (why: string): CredentialProvider =>
  async () => {
    throw new CredentialsNotFoundError(why);
  };
const broken =
  (why: string): CredentialProvider =>
  async () => {
    throw new CredentialsConfigError(why, 'somewhere');
  };

describe('chain', () => {
  it('returns the first provider that finds keys and does not call the later ones', async () => {
    let laterCalled = false;
    const later: CredentialProvider = async () => {
      laterCalled = true;
      return makeCredentials('X', 'Y', 'later');
    };
    const credentials = await chain(nothing('a: none'), found('b'), later)();
    expect(credentials.source).toBe('b');
    expect(laterCalled).toBe(false);
  });

  it('stops on a "configured but broken" error even when a later provider would succeed', async () => {
    await expect(chain(nothing('a'), broken('profile "gov" does not exist'), found('c'))()).rejects.toSatisfy(
      (e) => CredentialsConfigError.isInstance(e) && e.message === 'profile "gov" does not exist',
    );
  });

  it('stops on any other error (a bug or an abort is not "not configured")', async () => {
    const failing: CredentialProvider = async () => {
      throw new TypeError('boom');
    };
    await expect(chain(failing, found('b'))()).rejects.toThrow(TypeError);
  });

  it('lists what every provider said when none has keys', async () => {
    const error = await chain(nothing('template: none'), nothing('environment: none'))().catch((e: unknown) => e);
    expect(CredentialsNotFoundError.isInstance(error)).toBe(true);
    expect((error as CredentialsNotFoundError).tried).toEqual(['template: none', 'environment: none']);
    expect((error as Error).message).toBe(
      'No Outscale credentials found. Looked in:\n  - template: none\n  - environment: none',
    );
  });

  it('flattens a nested chain into one list', async () => {
    const error = await chain(chain(nothing('a'), nothing('b')), nothing('c'))().catch((e: unknown) => e);
    expect((error as CredentialsNotFoundError).tried).toEqual(['a', 'b', 'c']);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(chain(found('a'))({ signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('memoize', () => {
  it('looks up once, also for concurrent callers', async () => {
    let calls = 0;
    const provider = memoize(async () => {
      calls++;
      await new Promise((resolve) => setImmediate(resolve));
      return makeCredentials('AK', 'SK', 'counted');
    });
    const [a, b] = await Promise.all([provider(), provider()]);
    await provider();
    expect(calls).toBe(1);
    expect(a).toBe(b);
  });

  it('does not cache a failure', async () => {
    let calls = 0;
    const provider = memoize(async () => {
      calls++;
      if (calls === 1) throw new CredentialsNotFoundError('not yet');
      return makeCredentials('AK', 'SK', 'second');
    });
    await expect(provider()).rejects.toThrow('not yet');
    expect((await provider()).source).toBe('second');
  });

  it("lets a caller's signal abandon its wait without spoiling the cache", async () => {
    let release: (() => void) | undefined;
    const provider = memoize(
      () =>
        new Promise((resolve) => {
          release = () => resolve(makeCredentials('AK', 'SK', 'slow'));
        }),
    );
    const controller = new AbortController();
    const waiting = provider({ signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    release?.();
    expect((await provider()).source).toBe('slow');
  });
});

describe('makeCredentials', () => {
  it('keeps the secret key out of JSON and inspect output', () => {
    const credentials = makeCredentials('ABCDEFGHIJ0123456789', 'TOPSECRET0123456789abcdefghij0123456789', 'template');
    expect(credentials.secretKey).toBe('TOPSECRET0123456789abcdefghij0123456789');
    expect(JSON.stringify(credentials)).not.toContain('TOPSECRET');
    expect(inspect(credentials)).not.toContain('TOPSECRET');
    expect(`${inspect({ nested: credentials })}`).not.toContain('TOPSECRET');
    expect(Object.keys(credentials)).toEqual(['accessKey', 'secretKey', 'source']);
  });
});
