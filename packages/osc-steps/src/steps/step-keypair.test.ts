import { describe, expect, it } from 'vitest';
import { communicatorConfig } from '../test/step-test-kit';
import { keyPlan } from './step-keypair';

describe('keyPlan (reference §2.1.1)', () => {
  const uuid = () => 'u-1';
  it('creates a temporary pair unless a key, the agent, a pair or a password is given', () => {
    expect(keyPlan(communicatorConfig(), uuid)).toEqual({ kind: 'temporary', keypairName: 'packer_u-1' });
    expect(keyPlan(communicatorConfig({ temporary_key_pair_name: 'mine' }), uuid)).toEqual({
      kind: 'temporary',
      keypairName: 'mine',
    });
    expect(keyPlan(communicatorConfig({ ssh_password: 'pw' }), uuid)).toEqual({ kind: 'none', keypairName: null });
    expect(keyPlan(communicatorConfig({ ssh_agent_auth: true }), uuid)).toEqual({ kind: 'none', keypairName: null });
    expect(keyPlan(communicatorConfig({ communicator: 'none' }), uuid)).toEqual({ kind: 'none', keypairName: null });
  });

  it('uses the key file (with the named pair when set) and never sends it', () => {
    expect(keyPlan(communicatorConfig({ ssh_private_key_file: '~/.ssh/id' }), uuid)).toEqual({
      kind: 'key-file',
      keypairName: null,
      file: '~/.ssh/id',
    });
    expect(
      keyPlan(communicatorConfig({ ssh_private_key_file: '~/.ssh/id', ssh_keypair_name: 'existing' }), uuid),
    ).toEqual({ kind: 'key-file', keypairName: 'existing', file: '~/.ssh/id' });
    expect(keyPlan(communicatorConfig({ ssh_agent_auth: true, ssh_keypair_name: 'existing' }), uuid)).toEqual({
      kind: 'none',
      keypairName: 'existing',
    });
  });
});
