import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SftpCodec } from './sftp-codec';
import { sftpFallbackProgram } from './sftp-fallback-program';

const c = new SftpCodec();

/** Runs the program with plain Node.js, sends `packets`, and returns the answers' raw bytes. */
function converse(cwd: string, packets: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', sftpFallbackProgram()], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`exit ${code}: ${err}`))));
    child.stdin.end(Buffer.concat(packets));
  });
}

describe('sftpFallbackProgram', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sftp-program-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs standalone under node -e: version 3 with extensions, then open/write/close in one stream', async () => {
    const path = join(dir, 'written');
    const open = c.packet(3, 1, [c.string(path), c.u32(2 | 8 | 16), c.u32(0)]);
    const answers = await converse(dir, [c.packet(1, null, [c.u32(3)]), open]);
    const version = { buffer: answers, offset: 4 };
    expect(answers[4]).toBe(2);
    version.offset = 5;
    expect(c.readU32(version)).toBe(3);
    expect(c.readText(version)).toBe('posix-rename@openssh.com');
    const handleAt = answers.readUInt32BE(0) + 4;
    const handle = { buffer: answers, offset: handleAt + 9 };
    expect(answers[handleAt + 4]).toBe(102);
    const key = c.readString(handle);
    const write = c.packet(6, 2, [c.string(key), c.u64(0), c.string('hello')]);
    const close = c.packet(4, 3, [c.string(key)]);
    await converse(dir, [c.packet(1, null, [c.u32(3)]), open, write, close]);
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });
});
