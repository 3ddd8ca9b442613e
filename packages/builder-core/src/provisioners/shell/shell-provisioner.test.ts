import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshCommunicator } from '../../communicator/ssh-communicator';
import { type RunningSshd, sshdSkipReason, startSshd } from '../../test/start-sshd';
import { builtinProvisioners } from '../builtin-provisioners';
import { prepareProvisioners } from '../prepare-provisioners';
import type { ProvisionerRun } from '../provisioner-plugin';
import { testPrepareEnv, testRun } from '../provisioner-test-helpers';
import { connectTo } from '../ssh-test-connection';

const noSshd = sshdSkipReason();
const local = mkdtempSync(join(tmpdir(), 'osc-packer-shell-local-side-'));
writeFileSync(join(local, 'one.sh'), '#!/bin/sh\r\necho "one: $FIRST"\r\n');
writeFileSync(join(local, 'two.sh'), '#!/bin/sh\necho "two: $PACKER_BUILD_NAME" >&2\nexit 0\n');

describe.skipIf(noSshd !== undefined)(
  `shell provisioner against OpenSSH sshd ${noSshd ?? ''}`,
  { timeout: 20_000 },
  () => {
    let sshd: RunningSshd;
    let comm: SshCommunicator;
    let remote: string;

    beforeAll(async () => {
      sshd = await startSshd();
      comm = await connectTo(sshd);
    });
    afterAll(async () => {
      await comm?.close();
      await sshd?.stop();
    });

    async function provision(
      config: Record<string, unknown>,
      run: ProvisionerRun & { ui: ReturnType<typeof testRun>['ui'] } = testRun(local),
    ) {
      remote = mkdtempSync(join(tmpdir(), 'osc-packer-remote-'));
      const prepared = prepareProvisioners(
        [{ type: 'shell', config: { remote_folder: remote, ...config } }],
        builtinProvisioners(),
        testPrepareEnv(local),
      );
      expect(prepared.issues).toEqual([]);
      await prepared.provisioners[0]?.provision(run, comm);
      return run.ui;
    }

    it("runs inline commands with Packer's variables, environment_vars and env, streaming output", async () => {
      const ui = await provision({
        inline: [
          'echo "$PACKER_BUILD_NAME $PACKER_BUILDER_TYPE http=$PACKER_HTTP_ADDR."',
          'echo "$QUOTED|$FROM_MAP"',
          'echo to-stderr >&2',
          'echo host={{ build `Host` }} id={{ build `ID` }}',
        ],
        environment_vars: ['QUOTED=it\'s "{{user `who`}}"'],
        env: { FROM_MAP: 'map value' },
        pause_after: '10ms',
      });
      expect(ui.texts('say')).toEqual([
        'Provisioning with shell script: inline commands',
        'Pausing 10ms after this provisioner...',
      ]);
      expect(ui.texts('message')).toEqual([
        'bsu osc-bsu http=.',
        `it's "world"|map value`,
        'host=127.0.0.1 id=i-12345678',
      ]);
      expect(ui.texts('error')).toEqual(['to-stderr']);
      expect(readdirSync(remote)).toEqual([]);
    });

    it('uploads scripts in order (CRLF converted), sourcing an env var file through execute_command', async () => {
      const ui = await provision({
        scripts: ['one.sh', 'two.sh'],
        environment_vars: ['FIRST=1st', "B=q'uote"],
        use_env_var_file: true,
        execute_command: '. {{.EnvVarFile}} && sh -c "{{.Path}}" && echo "via-{{build_name}} $B"',
      });
      expect(ui.texts('say')).toEqual([
        'Provisioning with shell script: one.sh',
        'Provisioning with shell script: two.sh',
      ]);
      expect(ui.texts('message')).toEqual(['one: 1st', "via-bsu q'uote", "via-bsu q'uote"]);
      expect(ui.texts('error')).toEqual(['two: bsu']);
      expect(readdirSync(remote)).toEqual([]);
    });

    it('fails on an exit code outside valid_exit_codes', async () => {
      await expect(provision({ inline: ['exit 7'] })).rejects.toThrow(
        'Script exited with non-zero exit status: 7. Allowed exit codes are: [0]',
      );
    });

    it('accepts codes listed in valid_exit_codes and keeps the script at remote_path with skip_clean', async () => {
      const path = join(local, 'kept.sh');
      await provision({
        inline: ['echo kept', 'exit 7'],
        valid_exit_codes: [0, 7],
        skip_clean: true,
        remote_path: path,
      });
      expect(readFileSync(path, 'utf8')).toBe('#!/bin/sh -e\necho kept\nexit 7\n');
    });
  },
);
