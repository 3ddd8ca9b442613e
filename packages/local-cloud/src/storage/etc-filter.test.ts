import { describe, expect, it } from 'vitest';
import { keepEtcEntry } from './etc-filter';

const file = (mode: number) => ({ type: 'f', mode });
const dir = (mode: number) => ({ type: 'd', mode });

describe('keepEtcEntry', () => {
  it('never copies password hashes, SSH host keys or TLS private keys', () => {
    for (const path of ['shadow', 'gshadow', 'shadow-', 'ssh/ssh_host_ed25519_key', 'ssh/ssh_host_rsa_key.pub']) {
      expect(keepEtcEntry(path, file(0o644)), path).toBe(false);
    }
    expect(keepEtcEntry('ssl/private', dir(0o755))).toBe(false);
  });

  it('skips what is not world-readable on the host', () => {
    expect(keepEtcEntry('postgresql/15/main/pg_hba.conf', file(0o640))).toBe(false);
    expect(keepEtcEntry('polkit-1/rules.d', dir(0o700))).toBe(false);
  });

  it('keeps ordinary configuration, directories and symlinks (alternatives)', () => {
    expect(keepEtcEntry('nsswitch.conf', file(0o644))).toBe(true);
    expect(keepEtcEntry('ssh/sshd_config', file(0o644))).toBe(true);
    expect(keepEtcEntry('alternatives', dir(0o755))).toBe(true);
    expect(keepEtcEntry('alternatives/awk', { type: 'l', mode: 0o777 })).toBe(true);
    expect(keepEtcEntry('initctl', { type: 'p', mode: 0o666 })).toBe(false);
  });
});
