import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshCommunicator } from '../../communicator/ssh-communicator';
import { type RunningSshd, sshdSkipReason, startSshd } from '../../test/start-sshd';
import { builtinProvisioners } from '../builtin-provisioners';
import { prepareProvisioners } from '../prepare-provisioners';
import { testPrepareEnv, testRun } from '../provisioner-test-helpers';
import { connectTo } from '../ssh-test-connection';

const noSshd = sshdSkipReason();

/** Lists a directory tree as `path` or `path/` entries, sorted. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? [`${prefix}${entry.name}/`, ...tree(join(dir, entry.name), `${prefix}${entry.name}/`)]
        : [`${prefix}${entry.name}`],
    )
    .sort();
}

describe.skipIf(noSshd !== undefined)(
  `file provisioner against OpenSSH sshd ${noSshd ?? ''}`,
  { timeout: 30_000 },
  () => {
    let sshd: RunningSshd;
    let scp: SshCommunicator;
    let sftp: SshCommunicator;
    const local = mkdtempSync(join(tmpdir(), 'osc-packer-file-local-'));
    mkdirSync(join(local, 'site/conf'), { recursive: true });
    writeFileSync(join(local, 'site/index.html'), '<h1>hi</h1>\n');
    writeFileSync(join(local, 'site/conf/app.conf'), 'port=80\n');
    writeFileSync(join(local, 'motd'), 'welcome\n', { mode: 0o640 });
    writeFileSync(join(local, 'extra'), 'extra\n');

    beforeAll(async () => {
      sshd = await startSshd();
      [scp, sftp] = await Promise.all([connectTo(sshd, 'scp'), connectTo(sshd, 'sftp')]);
    });
    afterAll(async () => {
      await Promise.all([scp?.close(), sftp?.close()]);
      await sshd?.stop();
    });

    async function provision(configs: Record<string, unknown>[], comm: SshCommunicator = scp) {
      const prepared = prepareProvisioners(
        configs.map((config) => ({ type: 'file', config })),
        builtinProvisioners(),
        testPrepareEnv(local),
      );
      expect(prepared.issues).toEqual([]);
      const run = testRun(local);
      for (const provisioner of prepared.provisioners) await provisioner.provision(run, comm);
      return run.ui;
    }

    it('uploads a file, a file into a directory, content, and several sources', async () => {
      const remote = mkdtempSync(join(tmpdir(), 'osc-packer-file-remote-'));
      // As in Packer, a destination directory must exist.
      mkdirSync(join(remote, 'many'));
      const ui = await provision([
        { source: 'motd', destination: `${remote}/etc-motd` },
        { source: 'motd', destination: `${remote}/` },
        { content: 'generated {{build_name}}', destination: `${remote}/generated.txt` },
        { sources: ['motd', 'extra'], destination: `${remote}/many/` },
      ]);
      expect(tree(remote)).toEqual(['etc-motd', 'generated.txt', 'many/', 'many/extra', 'many/motd', 'motd']);
      expect(readFileSync(join(remote, 'generated.txt'), 'utf8')).toBe('generated bsu');
      expect(statSync(join(remote, 'etc-motd')).mode & 0o777).toBe(0o640);
      expect(ui.texts('say')).toContain(`Uploading motd => ${remote}/etc-motd`);
      expect(ui.texts('progress')).toContain('motd');
    });

    it('uploads a directory itself, or its contents with a trailing slash', async () => {
      const remote = mkdtempSync(join(tmpdir(), 'osc-packer-file-remote-'));
      mkdirSync(join(remote, 'contents'));
      await provision([
        { source: 'site', destination: remote },
        { source: 'site/', destination: `${remote}/contents` },
      ]);
      expect(tree(remote)).toEqual([
        'contents/',
        'contents/conf/',
        'contents/conf/app.conf',
        'contents/index.html',
        'site/',
        'site/conf/',
        'site/conf/app.conf',
        'site/index.html',
      ]);
    });

    it('downloads a file, a file into a directory, and a directory (over SFTP too)', async () => {
      const remote = mkdtempSync(join(tmpdir(), 'osc-packer-file-remote-'));
      mkdirSync(join(remote, 'logs/app'), { recursive: true });
      writeFileSync(join(remote, 'logs/app/run.log'), 'ok\n');
      writeFileSync(join(remote, 'version'), '1.2.3\n');
      for (const comm of [scp, sftp]) {
        const into = mkdtempSync(join(local, 'download-'));
        const ui = await provision(
          [
            { direction: 'download', source: `${remote}/version`, destination: `${into}/nested/version.txt` },
            { direction: 'download', source: `${remote}/version`, destination: `${into}/` },
            { direction: 'download', source: `${remote}/logs/`, destination: `${into}/logs` },
          ],
          comm,
        );
        expect(tree(into)).toEqual([
          'logs/',
          'logs/app/',
          'logs/app/run.log',
          'nested/',
          'nested/version.txt',
          'version',
        ]);
        expect(readFileSync(join(into, 'nested/version.txt'), 'utf8')).toBe('1.2.3\n');
        expect(ui.texts('say')).toContain(`Downloading ${remote}/version => ${into}/version`);
      }
    });

    it('fails clearly when the remote side refuses', async () => {
      const missing = join(mkdtempSync(join(tmpdir(), 'osc-packer-file-remote-')), 'missing/motd');
      await expect(provision([{ source: 'motd', destination: missing }], sftp)).rejects.toThrow('No such file');
    });
  },
);
