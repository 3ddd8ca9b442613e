import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeKeyCommand } from './step-clear-authorized-keys';

// Every test's directory goes at the end, so repeated runs do not pile up in /tmp.
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'osc-authorized-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('removeKeyCommand', () => {
  it('removes every line with the temporary key and keeps the others and the file mode', () => {
    const dir = tempDir();
    const file = join(dir, 'authorized_keys');
    const temporary = 'ssh-rsa AAAAB3Nza+C1yc2E/AAAADAQABAAAB= packer_1';
    writeFileSync(
      file,
      `ssh-ed25519 AAAAkeep user@laptop\n${temporary}\nno-pty ${temporary.replace(' packer_1', '')}\n`,
    );
    chmodSync(file, 0o600);
    const command = removeKeyCommand(temporary, JSON.stringify(file)) ?? '';
    execFileSync('sh', ['-c', command]);
    expect(readFileSync(file, 'utf8')).toBe('ssh-ed25519 AAAAkeep user@laptop\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    execFileSync('sh', ['-c', removeKeyCommand(temporary, JSON.stringify(join(dir, 'missing'))) ?? '']);
  });

  it('leaves the file whole and fails when the filtered copy cannot be written', () => {
    const dir = tempDir();
    const file = join(dir, 'authorized_keys');
    const temporary = 'ssh-rsa AAAAB3Nza+C1yc2E/AAAADAQABAAAB= packer_1';
    const content = `ssh-ed25519 AAAAkeep user@laptop\n${temporary}\n`;
    writeFileSync(file, content);
    // A directory where the copy goes: writing it fails even for root.
    mkdirSync(`${file}.osc-packer`);
    const command = removeKeyCommand(temporary, JSON.stringify(file)) ?? '';
    expect(() => execFileSync('sh', ['-c', command], { stdio: 'ignore' })).toThrow();
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('empties the file when the temporary key was its only line', () => {
    const dir = tempDir();
    const file = join(dir, 'authorized_keys');
    const temporary = 'ssh-rsa AAAAB3Nza+C1yc2E/AAAADAQABAAAB= packer_1';
    writeFileSync(file, `${temporary}\n`);
    execFileSync('sh', ['-c', removeKeyCommand(temporary, JSON.stringify(file)) ?? '']);
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(readdirSync(dir)).toEqual(['authorized_keys']);
  });

  it('refuses a key that is not a plain OpenSSH line (nothing unsafe reaches the shell)', () => {
    expect(removeKeyCommand("ssh-rsa AAAA'; rm -rf / #", '~/.ssh/authorized_keys')).toBeUndefined();
  });
});
