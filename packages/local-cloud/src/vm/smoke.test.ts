import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, VmHarness } from '../testing/vm-harness';

describe('smoke', () => {
  let h: VmHarness;
  beforeAll(() => {
    h = VmHarness.create();
  });
  afterAll(async () => {
    await h?.close();
  });
  it('runs a command', async () => {
    const vm = await h.boot();
    const client = await h.connect(vm);
    const r = await exec(client, 'id; whoami; pwd; hostname; ls /; echo err >&2; exit 3');
    console.log(r);
    const s = await exec(client, 'sudo id; sudo -S -E sh -c "echo \\$HOME \\$USER"; echo pw | sudo -S cat');
    console.log(s);
    client.end();
    await vm.stop();
    expect(r.code).toBe(3);
  });
});
