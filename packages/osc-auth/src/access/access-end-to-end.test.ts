import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseClockSkew } from '../clock-skew/diagnose-clock-skew';
import { signRequest } from '../signing/sign-request';
import { verifySignature } from '../signing/verify-signature';
import { hasOpenssl, makeCertificate, type TestCertificate } from '../testing/client-certificate';
import { makeTempHome, type TempHome } from '../testing/temp-home';
import type { ResolvedAccess } from './access-input';
import { resolveAccess } from './resolve-access';

// The way a program outside osc-packer uses the package: resolve, sign, send, and read an AuthFailure.
const accessKey = 'ABCDEFGHIJ0123456789';
const secretKey = '0123456789ABCDEFGHIJabcdefghij0123456789';
const lookupSecretKey = (ak: string) => (ak === accessKey ? secretKey : undefined);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
  });
}

/** A tiny gateway: verifies the signature and answers like the API (AuthFailure with a Date header). */
async function gateway(request: IncomingMessage, response: ServerResponse) {
  const body = await readBody(request);
  const verdict = verifySignature(
    { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body },
    { lookupSecretKey },
  );
  const client = (request.socket as Partial<TLSSocket>).getPeerCertificate?.()?.subject?.CN;
  response.setHeader('content-type', 'application/json');
  if (!verdict.ok) {
    response
      .writeHead(401)
      .end(JSON.stringify({ Errors: [{ Code: '1', Type: 'AuthFailure', Details: verdict.reason }] }));
    return;
  }
  response.end(
    JSON.stringify({ Regions: [], ResponseContext: { RequestId: 'r-1' }, client, algorithm: verdict.algorithm }),
  );
}

function sign(access: ResolvedAccess, url: URL, body: string, now?: Date) {
  return signRequest(
    { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body },
    { ...access.credentials, region: access.region, algorithm: access.signatureAlgorithm, ...(now ? { now } : {}) },
  );
}

let home: TempHome;
beforeAll(async () => {
  home = await makeTempHome();
});
afterAll(async () => {
  await home.remove();
});

describe('resolve, sign and send over http on loopback', () => {
  let server: ReturnType<typeof createHttpServer>;
  let endpoint: string;
  beforeAll(async () => {
    server = createHttpServer((req, res) => void gateway(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  for (const algorithm of ['OSC4-HMAC-SHA256', 'AWS4-HMAC-SHA256'] as const) {
    it(`is accepted by a verifying server (${algorithm})`, async () => {
      const access = await resolveAccess(
        { signatureAlgorithm: algorithm },
        {
          env: { OSC_ACCESS_KEY: accessKey, OSC_SECRET_KEY: secretKey, OSC_ENDPOINT_API: endpoint },
          homedir: home.dir,
        },
      );
      expect(access).toMatchObject({ region: 'eu-west-2', regionSource: 'default', warnings: [] });
      const url = new URL('ReadRegions', access.endpoint);
      const body = '{}';
      const response = await fetch(url, { method: 'POST', headers: sign(access, url, body), body });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ algorithm });
    });
  }

  it('gets AuthFailure for a clock 10 minutes behind, and diagnoses it from the Date header', async () => {
    const access = await resolveAccess(
      { accessKey, secretKey, customEndpoint: endpoint, region: 'eu-west-2' },
      { env: {}, homedir: home.dir },
    );
    const url = new URL('ReadVms', access.endpoint);
    const localClock = new Date(Date.now() - 630_000);
    const response = await fetch(url, { method: 'POST', headers: sign(access, url, '{}', localClock), body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ Errors: [{ Type: 'AuthFailure', Details: 'request-expired' }] });
    const skew = diagnoseClockSkew({ serverDate: response.headers.get('date') ?? undefined, now: localClock });
    // The Date header has one-second precision and the answer takes a moment on a busy machine.
    expect(skew?.skewSeconds).toBeLessThanOrEqual(-628);
    expect(skew?.skewSeconds).toBeGreaterThan(-660);
    expect(skew?.message).toMatch(/^The local clock is 10 min \d+ s \(6\d\d seconds\) behind the Outscale API's clock/);
    expect(skew?.message).toContain('this is the likely cause, not the keys');
  });
});

const openssl = await hasOpenssl();

describe.skipIf(!openssl)('x509 client certificate over https (needs the openssl binary)', () => {
  let server: ReturnType<typeof createHttpsServer>;
  let port: number;
  let client: TestCertificate;
  beforeAll(async () => {
    const [serverCert, clientCert] = await Promise.all([
      makeCertificate(home.dir, 'localhost'),
      makeCertificate(home.dir, 'packer-client'),
    ]);
    client = clientCert;
    server = createHttpsServer(
      { cert: serverCert.cert, key: serverCert.key, requestCert: true, rejectUnauthorized: true, ca: [client.cert] },
      (req, res) => void gateway(req, res),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function send(access: ResolvedAccess): Promise<{ status: number; body: string }> {
    const url = new URL('ReadRegions', access.endpoint);
    const headers = sign(access, url, '{}');
    return new Promise((resolve, reject) => {
      const request = httpsRequest(url, { method: 'POST', headers, ...access.tls }, (response) => {
        void readBody(response).then((body) => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.end('{}');
    });
  }

  it('presents the certificate of the profile (x509_client_sslkey spelling) to a server that requires it', async () => {
    await home.writeConfig({
      default: {
        access_key: accessKey,
        secret_key: secretKey,
        endpoints: { api: `https://127.0.0.1:${port}/api/v1` },
        x509_client_cert: client.certPath,
        x509_client_sslkey: client.keyPath,
        tls_skip_verify: true,
      },
    });
    const access = await resolveAccess(
      {},
      { env: {}, homedir: home.dir, metadata: { baseUrl: 'http://127.0.0.1:9/' } },
    );
    expect(access.tlsSource).toBe(`profile "default" in ${home.configPath} (x509_client_cert)`);
    expect(access.tls).toMatchObject({ rejectUnauthorized: false, cert: client.cert, key: client.key });
    const answer = await send(access);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ client: 'packer-client' });
  });

  it('is refused by that server without the certificate', async () => {
    const access = await resolveAccess(
      {
        accessKey,
        secretKey,
        region: 'eu-west-2',
        customEndpoint: `https://127.0.0.1:${port}/api/v1`,
        insecureSkipTlsVerify: true,
      },
      { env: {}, homedir: home.dir },
    );
    await expect(send(access)).rejects.toThrow();
  });
});
