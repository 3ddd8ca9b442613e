import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOapiClient } from '../client/create-oapi-client';
import { OapiNetworkError } from '../errors/oapi-network-error';
import { fakeClock } from '../testing-support/fake-clock';
import { testKeys } from '../testing-support/mock-api';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A self-signed certificate for 127.0.0.1, made by openssl for this run only. */
function certificate(dir: string, name: string) {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

describe.skipIf(!hasOpenssl)('TLS and client certificates (needs the openssl binary)', () => {
  let dir: string;
  let server: Server;
  let endpoint: string;
  let serverCert: { cert: string; key: string };
  let clientCert: { cert: string; key: string };
  const seenClients: (string | undefined)[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oapi-tls-'));
    serverCert = certificate(dir, 'api');
    clientCert = certificate(dir, 'builder');
    server = createServer(
      { ...serverCert, requestCert: true, rejectUnauthorized: false, ca: clientCert.cert },
      (req, res) => {
        const socket = req.socket as TLSSocket;
        seenClients.push(socket.authorized ? String(socket.getPeerCertificate().subject?.CN) : undefined);
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Vms":[],"ResponseContext":{"RequestId":"r"}}');
      },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts a given CA and presents a client certificate (mTLS)', async () => {
    const client = createOapiClient({
      endpoint,
      region: 'eu-west-2',
      credentials: testKeys,
      tls: { ca: serverCert.cert, cert: clientCert.cert, key: clientCert.key },
    });
    await expect(client.call('ReadVms', {})).resolves.toMatchObject({ Vms: [] });
    await client.close();
    expect(seenClients.at(-1)).toBe('builder');
  });

  it('does not retry an untrusted server certificate, and says it is a TLS failure', async () => {
    const clock = fakeClock();
    const client = createOapiClient({ endpoint, region: 'eu-west-2', credentials: testKeys, sleep: clock.sleep });
    const error = await client.call('ReadVms', {}).catch((e: unknown) => e);
    await client.close();
    expect(OapiNetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'tls', retryable: false, attempt: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it('accepts any certificate with rejectUnauthorized: false', async () => {
    const client = createOapiClient({
      endpoint,
      region: 'eu-west-2',
      credentials: testKeys,
      tls: { rejectUnauthorized: false },
    });
    await expect(client.call('ReadVms', {})).resolves.toMatchObject({ Vms: [] });
    await client.close();
  });
});
