import { describe, expect, it } from 'vitest';
import { sftpHomePath } from '../sftp/sftp-home-path';
import { shellQuotePath } from './shell-quote';

describe('remote paths', () => {
  it.each([
    ['/tmp/plain-path_1.2', '/tmp/plain-path_1.2'],
    ['/tmp/with space', "'/tmp/with space'"],
    ["/tmp/it's", "'/tmp/it'\\''s'"],
    ['/tmp/$(reboot)', "'/tmp/$(reboot)'"],
    ['~', '~'],
    ['~/dir with space', "~/'dir with space'"],
    ['~user/x', "'~user/x'"],
    ['', "''"],
  ])('quotes %j for the remote shell as %s', (path, quoted) => {
    expect(shellQuotePath(path)).toBe(quoted);
  });

  it.each([
    ['~', '.'],
    ['~/', './'],
    ['~/app/conf', 'app/conf'],
    ['~/app/', 'app/'],
    ['/etc/~/x', '/etc/~/x'],
    ['relative', 'relative'],
  ])('resolves %j for SFTP as %j', (path, resolved) => {
    expect(sftpHomePath(path)).toBe(resolved);
  });
});
