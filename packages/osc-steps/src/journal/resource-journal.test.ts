import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalDocumentSchema } from './journal-document';
import { journalFileName, ResourceJournal } from './resource-journal';

const target = {
  endpoint: 'https://api.eu-west-2.outscale.com/api/v1/',
  region: 'eu-west-2',
  credentialSource: 'environment',
};
const read = (file: string) => journalDocumentSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

async function open(dir: string | undefined) {
  let tick = 0;
  return ResourceJournal.open({
    dir,
    runUuid: 'run-1',
    buildName: 'web server',
    builderType: 'osc-bsu',
    target,
    now: () => new Date(Date.UTC(2026, 10, 26, 12, 0, tick++)),
    pid: 4242,
    hostname: 'builder-1',
  });
}

describe('ResourceJournal', () => {
  it('writes each intent, id and deletion to its file as it happens (0600, atomically)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'osc-journal-')), 'nested', 'journal');
    const journal = await open(dir);
    expect(journal.file).toBe(join(dir, 'run-1-web_server.json'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(journal.file ?? '').mode & 0o777).toBe(0o600);
    expect(read(journal.file ?? '')).toMatchObject({
      buildId: 'run-1/web server',
      pid: 4242,
      hostname: 'builder-1',
      status: 'running',
      resources: [],
    });

    const key = await journal.intend('vm', { clientToken: 'token-1' });
    expect(read(journal.file ?? '').resources).toEqual([
      { key, kind: 'vm', state: 'intended', clientToken: 'token-1', recordedAt: '2026-11-26T12:00:01.000Z' },
    ]);
    await journal.created(key, 'i-1');
    await journal.adopt('volume', 'vol-1', { parentId: 'i-1' });
    await journal.setAccountId('123456789012');
    const document = read(journal.file ?? '');
    expect(document.target.accountId).toBe('123456789012');
    expect(document.resources.map((entry) => [entry.kind, entry.id, entry.state])).toEqual([
      ['vm', 'i-1', 'created'],
      ['volume', 'vol-1', 'created'],
    ]);
    await journal.deleted('i-1');
    expect(journal.outstanding().map((entry) => entry.id)).toEqual(['vol-1']);
    expect(readdirSync(dir)).toEqual(['run-1-web_server.json']);
  });

  it('keeps its file at the end while something may be left, and removes it when nothing is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const journal = await open(dir);
    const image = await journal.intend('image', { name: 'web' });
    await journal.created(image, 'ami-1');
    const vm = await journal.intend('vm', { clientToken: 't' });
    expect((await journal.finish()).map((entry) => entry.kind)).toEqual(['image', 'vm']);
    expect(read(journal.file ?? '').status).toBe('ended');
    await journal.kept('ami-1');
    await journal.deleted(vm);
    expect(await journal.finish()).toEqual([]);
    expect(existsSync(journal.file ?? '')).toBe(false);
  });

  it('reports a failed write to its caller, and still ends cleanly once nothing is outstanding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-journal-'));
    const journal = await open(dir);
    const key = await journal.intend('keypair', { name: 'packer_1' });
    rmSync(dir, { recursive: true });
    await expect(journal.deleted(key)).rejects.toThrow(/ENOENT/);
    expect(await journal.finish()).toEqual([]);
    expect(existsSync(journal.file ?? '')).toBe(false);
  });

  it('works in memory without a directory', async () => {
    const journal = await open(undefined);
    expect(journal.file).toBeUndefined();
    await journal.intend('keypair', { name: 'packer_1' });
    expect(journal.outstanding()).toHaveLength(1);
  });

  it('names files after the run and the build, safely', () => {
    expect(journalFileName('r', '../../etc/passwd')).toBe('r-.._.._etc_passwd.json');
  });
});
