import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOutput } from '../test/output-collector';
import { findFreePort, type RunningSshd, sshdSkipReason, startSshd } from '../test/start-sshd';
import { waitUntil } from '../test/wait-until';
import { connectSsh } from './connect-ssh';
import type { SshCommunicatorOptions } from './ssh-communicator-options';
import { SshError } from './ssh-error';

const noSshd = sshdSkipReason();

describe.skipIf(noSshd !== undefined)(`connecting to OpenSSH sshd ${noSshd ?? ''}`, { timeout: 20_000 }, () => {
  let sshd: RunningSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  const options = (extra: Partial<SshCommunicatorOptions> = {}): SshCommunicatorOptions => ({
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKeys: [{ key: sshd.clientKey.privateKey }],
    timeoutMs: 10_000,
    retryDelay: { minMs: 50, maxMs: 200 },
    ...extra,
  });

  it('keeps trying until the server appears', async () => {
    const port = await findFreePort();
    const log: string[] = [];
    const connecting = connectSsh(options({ port, log: (line) => log.push(line) }));
    await waitUntil(() => log.filter((line) => line.includes('connection refused')).length >= 2);
    const late = await startSshd({ port, authorizedKeys: [sshd.clientKey.publicKey] });
    try {
      const comm = await connecting;
      expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
      await comm.close();
    } finally {
      await late.stop();
    }
  });

  it('gives up after ssh_timeout, saying what it last saw', async () => {
    const port = await findFreePort();
    const error = await connectSsh(options({ port, timeoutMs: 600 })).catch((e: unknown) => e);
    expect(SshError.isInstance(error) && error.reason).toBe('timeout');
    expect((error as Error).message).toMatch(
      /timed out after 600ms waiting for SSH on 127\.0\.0\.1:\d+ \(ssh_timeout\); last error: .*connection refused/,
    );
  });

  it('stops waiting on abort', async () => {
    const port = await findFreePort();
    const controller = new AbortController();
    const connecting = connectSsh(options({ port }), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    await expect(connecting).rejects.toThrow('cancelled by the user');
  });

  it('reconnects after pause_before_connecting', async () => {
    const log: string[] = [];
    const started = Date.now();
    const comm = await connectSsh(options({ pauseBeforeConnectingMs: 300, log: (line) => log.push(line) }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(log.filter((line) => line.startsWith('connected to')).length).toBe(2);
    expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
    await comm.close();
  });

  it('connects through a bastion host (ssh_bastion_*)', async () => {
    const bastion = await startSshd();
    try {
      const comm = await connectSsh(
        options({
          bastion: {
            host: bastion.host,
            port: bastion.port,
            username: bastion.username,
            privateKeys: [{ key: bastion.clientKey.privateKey }],
          },
        }),
      );
      const out = collectOutput();
      expect(await comm.exec({ command: 'echo through', stdout: out.stream })).toEqual({ kind: 'exited', code: 0 });
      expect(out.text()).toBe('through\n');
      await comm.close();
      expect(bastion.log()).toMatch(/Accepted publickey/);
      const refused = await connectSsh(
        options({
          handshakeAttempts: 1,
          bastion: { host: bastion.host, port: bastion.port, username: bastion.username, password: 'nope' },
        }),
      ).catch((e: unknown) => e);
      expect((refused as Error).message).toMatch(/authentication failed .* on bastion 127\.0\.0\.1/);
    } finally {
      await bastion.stop();
    }
  });

  it('connects through a SOCKS5 proxy with username and password (ssh_proxy_*)', async () => {
    const proxy = await startSocks5Proxy({ username: 'proxy-user', password: 'proxy-pass' });
    try {
      const comm = await connectSsh(
        options({ proxy: { host: '127.0.0.1', port: proxy.port, username: 'proxy-user', password: 'proxy-pass' } }),
      );
      expect(await comm.exec({ command: 'true' })).toEqual({ kind: 'exited', code: 0 });
      await comm.close();
      expect(proxy.targets).toEqual([`127.0.0.1:${sshd.port}`]);
      const wrong = connectSsh(
        options({ timeoutMs: 500, proxy: { host: '127.0.0.1', port: proxy.port, username: 'x', password: 'y' } }),
      );
      await expect(wrong).rejects.toThrow(/SOCKS5 proxy .* refused the username or password/);
    } finally {
      proxy.server.close();
    }
  });

  it('forwards ports both ways (ssh_local_tunnels, ssh_remote_tunnels)', async () => {
    const echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoPort = (echo.address() as { port: number }).port;
    const [localPort, remotePort] = [await findFreePort(), await findFreePort()];
    const comm = await connectSsh(
      options({
        tunnels: [
          {
            direction: 'local',
            listenHost: '127.0.0.1',
            listenPort: localPort,
            forwardHost: '127.0.0.1',
            forwardPort: echoPort,
          },
          {
            direction: 'remote',
            listenHost: '127.0.0.1',
            listenPort: remotePort,
            forwardHost: '127.0.0.1',
            forwardPort: echoPort,
          },
        ],
      }),
    );
    try {
      expect(await roundTrip(localPort, 'via local tunnel')).toBe('via local tunnel');
      expect(await roundTrip(remotePort, 'via remote tunnel')).toBe('via remote tunnel');
    } finally {
      await comm.close();
      echo.close();
    }
  });
});

/** A SOCKS5 proxy (RFC 1928/1929) that records where it connected to. */
async function startSocks5Proxy(auth: { username: string; password: string }) {
  const targets: string[] = [];
  const server: Server = createServer((client) => {
    client.once('data', (hello) => {
      if (!hello.includes(2)) {
        client.end(Buffer.from([5, 0xff]));
        return;
      }
      client.write(Buffer.from([5, 2]));
      client.once('data', (login) => {
        const user = login.subarray(2, 2 + (login[1] ?? 0)).toString();
        const passStart = 3 + (login[1] ?? 0);
        const pass = login.subarray(passStart, passStart + (login[passStart - 1] ?? 0)).toString();
        if (user !== auth.username || pass !== auth.password) {
          client.end(Buffer.from([1, 1]));
          return;
        }
        client.write(Buffer.from([1, 0]));
        client.once('data', (request) => {
          const host =
            request[3] === 1
              ? [...request.subarray(4, 8)].join('.')
              : request.subarray(5, 5 + (request[4] ?? 0)).toString();
          const port = request.readUInt16BE(request.length - 2);
          targets.push(`${host}:${port}`);
          const upstream = connect(port, host, () => {
            client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
            client.pipe(upstream).pipe(client);
          });
          upstream.on('error', () => client.destroy());
        });
      });
    });
    client.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, targets };
}

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let got = '';
    socket.on('data', (chunk) => {
      got += chunk.toString();
      if (got.length >= text.length) {
        socket.end();
        resolve(got);
      }
    });
    socket.on('error', reject);
  });
}
