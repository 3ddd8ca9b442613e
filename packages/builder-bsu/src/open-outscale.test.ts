import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuildContext, SecretRegistry } from '@osc-packer/builder-core';
import { RecordingUi } from '@osc-packer/builder-core/test';
import { describe, expect, it } from 'vitest';
import { bsuTestEnv } from './config/bsu-test-env';
import { openOutscale } from './open-outscale';
import { prepareBsuBuild } from './prepare-bsu-build';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('openOutscale (needs the openssl binary to make a client certificate)', () => {
  it("registers the secret key and the client certificate's private key as secrets, and prints neither", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-bsu-x509-'));
    const [cert, key] = [join(dir, 'client.crt'), join(dir, 'client.key')];
    execFileSync('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-subj', '/CN=osc-bsu-test', '-days', '1', '-keyout', key, '-out', cert],
    ]);
    const raw = {
      access_key: 'ABCDEFGHIJ0123456789',
      secret_key: 'the-secret-key-0123456789abcdefghijklmn',
      region: 'eu-west-2',
      x509_cert_path: cert,
      x509_key_path: key,
      source_omi: 'ami-12345678',
      vm_type: 'tinav5.c1r1p2',
      ssh_username: 'outscale',
      omi_name: 'web',
    };
    const prepared = prepareBsuBuild(raw, bsuTestEnv({ cwd: dir }));
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
    const ui = new RecordingUi();
    const secrets = new SecretRegistry();
    const context = createBuildContext({ buildName: 'web', builderType: 'osc-bsu', ui, secrets });
    const { openClient } = await openOutscale(context, prepared.config, { accessWorld: { homedir: dir } });
    await openClient().close();
    const keyLines = readFileSync(key, 'utf8').trim().split('\n');
    expect(secrets.scrub(`secret ${raw.secret_key}`)).toBe('secret <sensitive>');
    for (const line of keyLines.filter((text) => text.length >= 8 && !text.startsWith('-----'))) {
      expect(secrets.scrub(`key line ${line}`)).toBe('key line <sensitive>');
    }
    const printed = JSON.stringify(ui.events);
    expect(printed).toContain('Using Region eu-west-2');
    expect(printed).not.toContain(raw.secret_key);
    for (const line of keyLines) if (!line.startsWith('-----')) expect(printed).not.toContain(line);
  });
});
