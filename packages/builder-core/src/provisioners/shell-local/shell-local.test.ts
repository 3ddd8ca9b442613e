import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../communicator/communicator';
import { builtinPostProcessors } from '../../post-processors/builtin-post-processors';
import { preparePostProcessors } from '../../post-processors/prepare-post-processors';
import { TestArtifact } from '../../test/test-artifact';
import { builtinProvisioners } from '../builtin-provisioners';
import { prepareProvisioners } from '../prepare-provisioners';
import { testPrepareEnv, testRun } from '../provisioner-test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'osc-packer-shell-local-'));
writeFileSync(join(dir, 'script.sh'), '#!/bin/sh\necho "script in $(pwd) for $PACKER_BUILD_NAME"\necho "oops" >&2\n');
chmodSync(join(dir, 'script.sh'), 0o755);
const noCommunicator = {} as Communicator;

async function provision(config: Record<string, unknown>, run = testRun(dir)) {
  const prepared = prepareProvisioners([{ type: 'shell-local', config }], builtinProvisioners(), testPrepareEnv(dir));
  expect(prepared.issues).toEqual([]);
  const provisioner = prepared.provisioners[0];
  if (!provisioner) throw new Error('not prepared');
  await provisioner.provision(run, noCommunicator);
  return run.ui;
}

describe('shell-local, for real', () => {
  it("runs inline commands with Packer's variables and environment_vars", async () => {
    const ui = await provision({
      inline: [
        'echo "$PACKER_BUILD_NAME/$PACKER_BUILDER_TYPE $GREETING"',
        'test -z "$PACKER_HTTP_ADDR"',
        'echo {{ build `ID` }}',
      ],
      environment_vars: ["GREETING=it's {{user `who`}}"],
    });
    expect(ui.texts('message')).toEqual(["bsu/osc-bsu it's world", 'i-12345678']);
    expect(ui.texts('say')[0]).toMatch(/^Running local shell script: .*packer-shell-.*script$/);
  });

  it('runs script files from the working directory, stderr as errors', async () => {
    const ui = await provision({ script: 'script.sh' });
    expect(ui.texts('message')).toEqual([`script in ${dir} for bsu`]);
    expect(ui.texts('error')).toEqual(['oops']);
    expect(ui.texts('say')).toEqual(['Running local shell script: script.sh']);
  });

  it('uses execute_command with {{.Script}} and {{.Vars}}', async () => {
    const ui = await provision({
      command: 'echo ignored-by-cat',
      env: { WHO: 'env map' },
      execute_command: ['/bin/sh', '-c', '{{.Vars}} sh -c \'echo "$WHO"; cat "$0" | tail -n1\' {{.Script}}'],
    });
    expect(ui.texts('message')).toEqual(['env map', 'echo ignored-by-cat']);
  });

  it('fails on an exit code outside valid_exit_codes, and accepts listed ones', async () => {
    await expect(provision({ inline: ['exit 3'] })).rejects.toThrow(
      'Script exited with non-zero exit status: 3. Allowed exit codes are: [0]',
    );
    await expect(provision({ inline: ['exit 3'], valid_exit_codes: [0, 3] })).resolves.toBeDefined();
    await expect(provision({ inline: ['false', 'echo unreachable'] })).rejects.toThrow('exit status: 1');
  });

  it('skips when only_on excludes this system', async () => {
    const ui = await provision({ inline: ['exit 1'], only_on: ['windows'] });
    expect(ui.texts('say')).toEqual(['Skipping shell-local due to runtime OS']);
  });

  it('stops the command on cancellation', async () => {
    const cancel = new AbortController();
    const run = testRun(dir, { signal: cancel.signal });
    const running = provision({ inline: ['echo started', 'sleep 30'] }, run);
    await run.ui.waitFor((event) => event.text === 'started');
    cancel.abort(new Error('cancelled'));
    await expect(running).rejects.toThrow('cancelled');
  });

  it('runs as a post-processor with the artifact generated data, passing the artifact on', async () => {
    const prepared = preparePostProcessors(
      [[{ type: 'shell-local', config: { inline: ['echo "{{ build `ID` }} $PACKER_BUILD_NAME"'] } }]],
      builtinPostProcessors(),
      testPrepareEnv(dir),
    );
    const postProcessor = prepared.sequences[0]?.[0];
    if (!postProcessor) throw new Error(JSON.stringify(prepared.issues));
    const artifact = new TestArtifact({ id: 'ami-1', state: { generated_data: { ID: 'i-42' } } });
    const run = testRun(dir);
    const result = await postProcessor.postProcess({ ...run, runUuid: 'u', now: () => new Date() }, artifact);
    expect(result).toEqual({ artifact, keep: true, forceKeep: true });
    expect(run.ui.texts('message')).toEqual(['i-42 bsu']);
  });
});
