import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { closedPort, type MetadataServer, startMetadataServer } from '../testing/metadata-server';
import { fromMetadata } from './from-metadata';
import { readMetadataRegion } from './read-metadata-region';

let server: MetadataServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('readMetadataRegion (real loopback server)', () => {
  it('reads the region from placement/availability-zone', async () => {
    server = await startMetadataServer({ zone: 'cloudgouv-eu-west-1b' });
    expect(await readMetadataRegion({ baseUrl: server.baseUrl, timeoutMs: 5000 })).toEqual({
      region: 'cloudgouv-eu-west-1',
      subregion: 'cloudgouv-eu-west-1b',
      url: `${server.baseUrl}placement/availability-zone`,
    });
    expect(server.requests).toEqual(['/latest/meta-data/placement/availability-zone']);
  });

  it('accepts a base URL without the trailing slash', async () => {
    server = await startMetadataServer({ zone: 'eu-west-2a' });
    expect(await readMetadataRegion({ baseUrl: server.baseUrl.slice(0, -1), timeoutMs: 5000 })).toMatchObject({
      region: 'eu-west-2',
    });
  });

  it('gives up on a service that never answers after the timeout, without throwing', async () => {
    server = await startMetadataServer({ hang: true });
    const started = performance.now();
    const answer = await readMetadataRegion({ baseUrl: server.baseUrl, timeoutMs: 200 });
    const elapsed = performance.now() - started;
    expect(answer).toEqual({
      unavailable: `no answer from ${server.baseUrl}placement/availability-zone within 200 ms`,
    });
    // A busy machine may fire the timer late; what matters is that the lookup ends instead of hanging.
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(4000);
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const answer = await readMetadataRegion({ baseUrl: `http://127.0.0.1:${port}/latest/meta-data/`, timeoutMs: 5000 });
    expect(answer).toEqual({
      unavailable: `http://127.0.0.1:${port}/latest/meta-data/placement/availability-zone cannot be reached (ECONNREFUSED)`,
    });
  });

  it('reports an error status and an answer that is not a subregion', async () => {
    server = await startMetadataServer({ status: 404 });
    expect(await readMetadataRegion({ baseUrl: server.baseUrl, timeoutMs: 5000 })).toEqual({
      unavailable: `${server.baseUrl}placement/availability-zone answered HTTP 404`,
    });
    await server.close();
    server = await startMetadataServer({ body: '<html>captive portal</html>' });
    expect(await readMetadataRegion({ baseUrl: server.baseUrl, timeoutMs: 5000 })).toMatchObject({
      unavailable: expect.stringContaining('not a subregion name'),
    });
  });

  it("rethrows the caller's abort", async () => {
    server = await startMetadataServer({ hang: true });
    const controller = new AbortController();
    const pending = readMetadataRegion({ baseUrl: server.baseUrl, timeoutMs: 10_000, signal: controller.signal });
    controller.abort(new Error('build cancelled'));
    await expect(pending).rejects.toThrow('build cancelled');
  });
});

describe('fromMetadata', () => {
  it('inside a VM: says there are no instance credentials, and where keys must come from', async () => {
    server = await startMetadataServer({ zone: 'eu-west-2a' });
    const error = await fromMetadata({ baseUrl: server.baseUrl, timeoutMs: 5000, env: {} })().catch((e: unknown) => e);
    expect(CredentialsNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'VM metadata: this is an Outscale VM in eu-west-2, but Outscale gives VMs no credentials (there is no ' +
        'instance role); set access_key/secret_key in the template, OSC_ACCESS_KEY/OSC_SECRET_KEY, or a profile ' +
        'in ~/.osc/config.json',
    );
  });

  it('outside a VM: says so after the short timeout', async () => {
    server = await startMetadataServer({ hang: true });
    const error = await fromMetadata({ baseUrl: server.baseUrl, timeoutMs: 100, env: {} })().catch((e: unknown) => e);
    expect(CredentialsNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^VM metadata: not an Outscale VM \(no answer from .* within 100 ms\)/);
  });

  it('with OSC_METADATA_DISABLED=true: does not touch the network', async () => {
    server = await startMetadataServer({ zone: 'eu-west-2a' });
    const error = await fromMetadata({ baseUrl: server.baseUrl, env: { OSC_METADATA_DISABLED: 'true' } })().catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/^VM metadata: not asked \(OSC_METADATA_DISABLED is set\)/);
    expect(server.requests).toEqual([]);
  });
});
