import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshCommunicator } from '../../communicator/ssh-communicator';
import { type Ssh2TestServer, startSsh2TestServer } from '../../test/start-ssh2-test-server';
import { builtinProvisioners } from '../builtin-provisioners';
import { prepareProvisioners } from '../prepare-provisioners';
import { testPrepareEnv, testRun } from '../provisioner-test-helpers';
import { connectTo } from '../ssh-test-connection';

/** A machine that reboots: the ssh2 test server drops every connection while a script runs. */
describe('shell provisioner through a reboot (ssh2 test server)', { timeout: 20_000 }, () => {
  let server: Ssh2TestServer;
  let comm: SshCommunicator;
  const remote = mkdtempSync(join(tmpdir(), 'osc-packer-reboot-'));

  beforeAll(async () => {
    server = await startSsh2TestServer({ cwd: remote });
    comm = await connectTo(server);
  });
  afterAll(async () => {
    await comm?.close();
    await server?.stop();
  });

  async function rebootDuring(config: Record<string, unknown>) {
    const prepared = prepareProvisioners(
      [{ type: 'shell', config: { remote_folder: remote, inline: ['echo rebooting', 'sleep 20'], ...config } }],
      builtinProvisioners(),
      testPrepareEnv(remote),
    );
    const run = testRun(remote);
    const provisioning = prepared.provisioners[0]?.provision(run, comm);
    await run.ui.waitFor((event) => event.text === 'rebooting');
    server.dropConnections();
    await provisioning;
    return run.ui;
  }

  it('with expect_disconnect, a dropped connection ends the script; the script is removed after reconnecting', async () => {
    const before = server.stats().connections;
    const ui = await rebootDuring({ expect_disconnect: true });
    expect(ui.texts('message')).toEqual(['rebooting']);
    expect(server.stats().connections).toBe(before + 1);
    expect(readdirSync(remote)).toEqual([]);
    expect(server.commands.at(-1)).toMatch(/^rm -f .*script_\d+\.sh$/);
  });

  it("without it, the disconnect fails the provisioner with Packer's advice", async () => {
    await expect(rebootDuring({})).rejects.toThrow(
      'Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a restart, you can try adding `"expect_disconnect": true`',
    );
  });

  it('2300218 in valid_exit_codes accepts a disconnect too', async () => {
    await expect(rebootDuring({ valid_exit_codes: [0, 2300218] })).resolves.toBeDefined();
  });
});
