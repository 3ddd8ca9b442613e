import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningVm } from '../runtime/vm-runtime';
import { VmHarness } from '../testing/vm-harness';
import { isRetained, nativeCiphersNeedRetaining } from './retain-native-ciphers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const protocolOf = (client: Client) =>
  (client as unknown as { _protocol: { _cipher: unknown; _decipher: unknown } })._protocol;

describe('native ciphers of VM connections', () => {
  let h: VmHarness;
  let vm: RunningVm;
  beforeAll(async () => {
    h = VmHarness.create();
    vm = await h.boot();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`are kept where collecting them aborts the process (this is Node.js ${process.version})`, async () => {
    const client = await h.connect(vm);
    const { _cipher, _decipher } = protocolOf(client);
    expect(isRetained(_cipher)).toBe(nativeCiphersNeedRetaining);
    expect(isRetained(_decipher)).toBe(nativeCiphersNeedRetaining);
    client.end();
  });

  // Without retention on the VM's side, this aborts the test worker on Node.js 24.19 and later: the garbage
  // collector reclaims the server's native ciphers of the dropped connections.
  it.skipIf(!nativeCiphersNeedRetaining)(
    'survive garbage collections after connections are dropped (Node.js 24 and later; earlier ones never abort)',
    async () => {
      for (let i = 0; i < 4; i++) {
        const client = await h.connect(vm);
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        client.end();
        await closed;
      }
      let junk: unknown[] = [];
      for (let i = 0; i < 300_000; i++) {
        junk.push(new Array(64).fill(i));
        if (junk.length > 5_000) junk = [];
        if (i % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      expect(junk.length).toBeLessThanOrEqual(5_000);
    },
  );
});
