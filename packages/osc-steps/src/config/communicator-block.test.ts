import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { communicatorPort, needsTemporaryKeyPair, outscaleCommunicatorBlock } from './communicator-block';
import { decodeBlock, decoded, issuesOf } from './config-test-helpers';
import { communicatorFileIssues, resolveTemplatePath } from './local-files';

describe('Outscale communicator block', () => {
  it('defaults ssh_timeout to 10m and keeps ssh_wait_timeout as its deprecated name', () => {
    expect(decoded(decodeBlock(outscaleCommunicatorBlock, { ssh_username: 'outscale' })).ssh_timeout).toBe(600_000);
    const legacy = decodeBlock(outscaleCommunicatorBlock, { ssh_username: 'outscale', ssh_wait_timeout: '20m' });
    expect(decoded(legacy).ssh_timeout).toBe(1_200_000);
    expect(legacy.warnings).toEqual(['ssh_wait_timeout: deprecated key; use "ssh_timeout" instead']);
  });

  it.each([
    ['no ssh_username', {}, ['ssh_username']],
    [
      'a key pair without its private key',
      { ssh_username: 'u', ssh_keypair_name: 'mine' },
      [
        'ssh_keypair_name: ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified',
      ],
    ],
    ['a key pair with agent auth', { ssh_username: 'u', ssh_keypair_name: 'mine', ssh_agent_auth: true }, []],
    ['a key pair with its key file', { ssh_username: 'u', ssh_keypair_name: 'mine', ssh_private_key_file: 'k' }, []],
    ['no communicator', { communicator: 'none', ssh_keypair_name: 'mine' }, []],
  ])('%s', (_, raw, expected) => {
    const issues = issuesOf(decodeBlock(outscaleCommunicatorBlock, raw)).map((issue) =>
      expected.some((text) => text.includes(':')) ? `${issue.path}: ${issue.message}` : issue.path,
    );
    expect(issues).toEqual(expected);
  });

  it('opens the communicator port in the temporary security group', () => {
    expect(
      communicatorPort(decoded(decodeBlock(outscaleCommunicatorBlock, { ssh_username: 'u', ssh_port: '2222' }))),
    ).toBe(2222);
    expect(communicatorPort(decoded(decodeBlock(outscaleCommunicatorBlock, { ssh_username: 'u' })))).toBe(22);
  });

  it('marks passwords as secrets', () => {
    const result = decodeBlock(outscaleCommunicatorBlock, { ssh_username: 'u', ssh_password: 'hunter2-pass' });
    expect(result.ok && result.secrets).toEqual(['hunter2-pass']);
  });

  it.each([
    ['nothing set: a temporary key pair', {}, true],
    ['a password: none', { ssh_password: 'p' }, false],
    ['a password and a temporary key pair name', { ssh_password: 'p', temporary_key_pair_name: 'packer_x' }, true],
    ['a key file: none', { ssh_private_key_file: 'k' }, false],
    ['agent auth: none', { ssh_agent_auth: true }, false],
    ['an existing key pair: none', { ssh_keypair_name: 'mine', ssh_agent_auth: true }, false],
    ['no communicator: none', { communicator: 'none' }, false],
  ])('needsTemporaryKeyPair: %s', (_, raw, expected) => {
    expect(needsTemporaryKeyPair(decoded(decodeBlock(outscaleCommunicatorBlock, { ssh_username: 'u', ...raw })))).toBe(
      expected,
    );
  });
});

describe('communicatorFileIssues', () => {
  const dir = mkdtempSync(join(tmpdir(), 'osc-comm-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'id_ed25519'), 'key');
  const base = { cwd: dir, homedir: dir };

  it('expands ~ and resolves relative paths like Packer', () => {
    expect(resolveTemplatePath('~/k', base)).toBe(join(dir, 'k'));
    expect(resolveTemplatePath('k', { cwd: '/w', homedir: '/h' })).toBe('/w/k');
    expect(resolveTemplatePath('/abs/k', base)).toBe('/abs/k');
  });

  it('reports missing key and certificate files by key', () => {
    const config = decoded(
      decodeBlock(outscaleCommunicatorBlock, {
        ssh_username: 'u',
        ssh_private_key_file: '~/id_ed25519',
        ssh_certificate_file: 'missing-cert.pub',
      }),
    );
    expect(communicatorFileIssues(config, base)).toEqual([
      { path: 'ssh_certificate_file', message: 'is invalid: file not found: missing-cert.pub' },
    ]);
  });
});
