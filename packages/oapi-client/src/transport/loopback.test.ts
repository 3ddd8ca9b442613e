import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@osc-packer/osc-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { createOapiClient } from '../client/create-oapi-client';
import type { OapiClient } from '../client/oapi-client';
import { fakeClock } from '../testing-support/fake-clock';
import { testKeys } from '../testing-support/mock-api';

type Handler = (operation: string, body: Record<string, unknown>, res: ServerResponse, req: IncomingMessage) => void;

/** A real HTTP server on a random loopback port that checks every signature as the API gateway does. */
async function startApi(handler: Handler) {
  const state = { connections: 0, requests: 0, badSignatures: [] as string[] };
  const server: Server = createServer(async (req, res) => {
    state.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const verdict = verifySignature(
      { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw },
      { lookupSecretKey: (ak) => (ak === testKeys.accessKey ? testKeys.secretKey : undefined) },
    );
    if (!verdict.ok) state.badSignatures.push(verdict.message);
    handler((req.url ?? '').replace('/api/v1/', ''), raw ? JSON.parse(raw) : {}, res, req);
  });
  server.on('connection', () => state.connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, state, endpoint: `http://127.0.0.1:${port}/api/v1/` };
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends the headers and half the body, then destroys the socket: a reset mid-response. */
function cutMidBody(res: ServerResponse, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
}

let server: Server | undefined;
let client: OapiClient | undefined;
afterEach(async () => {
  await client?.close();
  server?.closeAllConnections();
  server?.close();
});

describe('over a real loopback server', () => {
  it('survives a reset mid-response and reuses kept-alive connections', async () => {
    let calls = 0;
    const api = await startApi((_operation, _body, res) => {
      calls++;
      const answer = { Vms: [{ VmId: 'i-12345678', State: 'running' }], ResponseContext: { RequestId: `r${calls}` } };
      if (calls === 1) cutMidBody(res, answer);
      else json(res, 200, answer);
    });
    server = api.server;
    client = createOapiClient({
      endpoint: api.endpoint,
      region: 'eu-west-2',
      credentials: testKeys,
      sleep: fakeClock().sleep,
    });
    const answer = await client.call('ReadVms', {});
    expect(answer.Vms?.[0]?.VmId).toBe('i-12345678');
    for (let i = 0; i < 10; i++) await client.call('ReadVms', {});
    expect(api.state.badSignatures).toEqual([]);
    // One connection died with the reset; the other eleven requests shared kept-alive connections (undici's
    // pool may open a second one while the first is being released).
    expect(api.state.connections).toBeLessThanOrEqual(3);
    expect(client.stats).toMatchObject({ calls: 11, attempts: 12, retries: 1 });
  });

  it('creates one VM when the answer to CreateVms is cut off and the call is retried', async () => {
    const vmsByToken = new Map<string, string>();
    let cut = false;
    const api = await startApi((operation, body, res) => {
      if (operation !== 'CreateVms') return json(res, 400, { Errors: [{ Code: '5011', Type: 'InvalidResource' }] });
      const token = String(body.ClientToken);
      // Like the API: the same ClientToken returns the VM made the first time.
      if (!vmsByToken.has(token)) vmsByToken.set(token, `i-${vmsByToken.size + 1}`);
      const answer = { Vms: [{ VmId: vmsByToken.get(token), State: 'pending' }], ResponseContext: { RequestId: 'r' } };
      if (!cut) {
        cut = true;
        cutMidBody(res, answer);
      } else json(res, 200, answer);
    });
    server = api.server;
    client = createOapiClient({
      endpoint: api.endpoint,
      region: 'eu-west-2',
      credentials: testKeys,
      sleep: fakeClock().sleep,
    });
    const answer = await client.call('CreateVms', { ImageId: 'ami-12345678' });
    expect(answer.Vms?.[0]?.VmId).toBe('i-1');
    expect(api.state.requests).toBe(2);
    expect(vmsByToken.size).toBe(1);
  });

  it('retries after a headers timeout', async () => {
    let calls = 0;
    const api = await startApi((_operation, _body, res) => {
      calls++;
      // The first request gets no answer at all; the client's headers timeout gives up on it.
      if (calls > 1) json(res, 200, { Images: [], ResponseContext: { RequestId: 'r' } });
    });
    server = api.server;
    client = createOapiClient({
      endpoint: api.endpoint,
      region: 'eu-west-2',
      credentials: testKeys,
      sleep: fakeClock().sleep,
      timeouts: { headersMs: 150 },
    });
    await expect(client.call('ReadImages', {})).resolves.toMatchObject({ Images: [] });
    expect(calls).toBe(2);
  });

  it('reports a refused connection as a network error after its retries', async () => {
    const api = await startApi(() => undefined);
    const endpoint = api.endpoint;
    api.server.close();
    await once(api.server, 'close');
    client = createOapiClient({
      endpoint,
      region: 'eu-west-2',
      credentials: testKeys,
      sleep: fakeClock().sleep,
      retry: { maxAttempts: 2 },
    });
    await expect(client.call('ReadVms', {})).rejects.toMatchObject({
      name: 'OapiNetworkError',
      kind: 'connect-refused',
      attempt: 2,
      message: expect.stringMatching(
        /^ReadVms to http:\/\/127\.0\.0\.1:\d+ failed after 2 attempts: the connection was refused/,
      ),
    });
  });
});
