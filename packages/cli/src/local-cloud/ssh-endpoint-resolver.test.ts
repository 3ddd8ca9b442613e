import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalLocalCloudResolver, isLoopbackHost } from './ssh-endpoint-resolver';

let calls = 0;
let server: Server;
let other: Server;
let origin = '';
let otherOrigin = '';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const created = createServer(handler);
  return new Promise((resolve) =>
    created.listen(0, '127.0.0.1', () => {
      resolve({ server: created, origin: `http://127.0.0.1:${(created.address() as AddressInfo).port}` });
    }),
  );
}

beforeAll(async () => {
  ({ server, origin } = await listen((request, response) => {
    calls += 1;
    if (request.url !== '/local-cloud/ssh-endpoints') return void response.writeHead(404).end();
    response.setHeader('Content-Type', 'application/json');
    response.end(
      JSON.stringify({
        endpoints: [
          { vmId: 'i-12345678', addresses: ['127.64.1.2:22', '10.9.0.5:22'], ssh: { host: '127.64.1.2', port: 40022 } },
        ],
      }),
    );
  }));
  ({ server: other, origin: otherOrigin } = await listen((_request, response) => {
    calls += 1;
    response.writeHead(404).end('not here');
  }));
});
afterAll(() => {
  server.close();
  other.close();
});

describe('externalLocalCloudResolver', () => {
  it('maps a VM address through GET /local-cloud/ssh-endpoints of a loopback API endpoint', async () => {
    const resolve = externalLocalCloudResolver(() => [`${origin}/api/v1`]);
    expect(await resolve('127.64.1.2', 22)).toEqual({ host: '127.64.1.2', port: 40022 });
    expect(await resolve('10.9.0.5', 22)).toEqual({ host: '127.64.1.2', port: 40022 });
    expect(await resolve('10.9.0.6', 22)).toBeUndefined();
  });

  it('asks an endpoint that is not a local-cloud once, and never one that is not on loopback', async () => {
    const before = calls;
    const resolve = externalLocalCloudResolver(() => [
      `${otherOrigin}/api/v1`,
      'https://api.eu-west-2.outscale.com/api/v1',
    ]);
    expect(await resolve('127.64.1.2', 22)).toBeUndefined();
    expect(await resolve('127.64.1.2', 22)).toBeUndefined();
    expect(calls - before).toBe(1);
  });

  it('sees endpoints added after it was made (the templates’ custom_endpoint_oapi)', async () => {
    const endpoints: string[] = [];
    const resolve = externalLocalCloudResolver(() => endpoints);
    expect(await resolve('127.64.1.2', 22)).toBeUndefined();
    endpoints.push(`${origin}/api/v1/`);
    expect(await resolve('127.64.1.2', 22)).toEqual({ host: '127.64.1.2', port: 40022 });
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.64.3.7', 'localhost', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', 'api.eu-west-2.outscale.com', '128.0.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
