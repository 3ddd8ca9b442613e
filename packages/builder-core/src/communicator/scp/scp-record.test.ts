import { describe, expect, it } from 'vitest';
import { directoryRecord, fileRecord, parseRecord } from './scp-record';

describe('SCP records', () => {
  it('formats file and directory records with 4-digit octal modes', () => {
    expect(fileRecord(0o644, 12, 'a b.txt')).toBe('C0644 12 a b.txt\n');
    expect(fileRecord(0o104755, 0, 'x')).toBe('C4755 0 x\n');
    expect(directoryRecord(0o700, 'dir')).toBe('D0700 0 dir\n');
  });

  it('refuses names scp cannot carry', () => {
    for (const name of ['', '.', '..', 'a/b', 'a\nb']) expect(() => fileRecord(0o644, 1, name)).toThrow(/cannot send/);
  });

  it('parses what OpenSSH sends', () => {
    expect(parseRecord('C0755 1234 run me.sh')).toEqual({ kind: 'file', mode: 0o755, size: 1234, name: 'run me.sh' });
    expect(parseRecord('D0750 0 etc')).toEqual({ kind: 'directory', mode: 0o750, name: 'etc' });
    expect(parseRecord('E')).toEqual({ kind: 'end' });
    expect(parseRecord('T1700000000 0 1700000000 0')).toEqual({ kind: 'times' });
  });

  it('rejects malformed records and names that escape the target', () => {
    expect(() => parseRecord('C0644 x name')).toThrow(/malformed/);
    expect(() => parseRecord('Q0644 1 name')).toThrow(/malformed/);
    expect(() => parseRecord('C0644 1 ../../etc/passwd')).toThrow(/unsafe/);
    expect(() => parseRecord('D0755 0 ..')).toThrow(/unsafe/);
  });
});
