import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Communicator } from '../communicator/communicator';
import { builtinPostProcessors } from '../post-processors/builtin-post-processors';
import { preparePostProcessors } from '../post-processors/prepare-post-processors';
import { builtinProvisioners } from '../provisioners/builtin-provisioners';
import { createProvisioning } from '../provisioners/create-provisioning';
import { prepareProvisioners } from '../provisioners/prepare-provisioners';
import type { ProvisionerBlock } from '../provisioners/provisioner-block';
import { testPrepareEnv } from '../provisioners/provisioner-test-helpers';
import { connectTo } from '../provisioners/ssh-test-connection';
import { provisionStep } from '../steps/provision-step';
import type { Step } from '../steps/step';
import { type Ssh2TestServer, startSsh2TestServer } from '../test/start-ssh2-test-server';
import { TestArtifact } from '../test/test-artifact';
import { CaptureStream } from '../ui/capture-stream';
import { createHumanUi } from '../ui/human-ui';
import { SecretRegistry } from '../ui/secret-registry';
import type { BuildContext } from './build-context';
import type { PreparedBuild } from './prepared-build';
import { runBuilds } from './run-builds';

interface VmState {
  communicator?: Communicator;
}

describe('a whole build: builder steps, provisioners over SSH, post-processors, summary', { timeout: 30_000 }, () => {
  let server: Ssh2TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'osc-packer-e2e-'));
  beforeAll(async () => {
    server = await startSsh2TestServer({ cwd: dir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A builder whose "VM" is the ssh2 test server: connect, provision, make an artifact. */
  function build(name: string, provisioners: ProvisionerBlock[], cleanup?: ProvisionerBlock): PreparedBuild {
    const env = testPrepareEnv(dir, { buildName: name, builderType: 'test-vm' });
    const prepared = prepareProvisioners(provisioners, builtinProvisioners(), env);
    const onError = cleanup ? prepareProvisioners([cleanup], builtinProvisioners(), env).provisioners[0] : undefined;
    const pps = preparePostProcessors(
      [[{ type: 'manifest', config: { output: 'manifest.json', custom_data: { host: '{{ build `Host` }}' } } }]],
      builtinPostProcessors(),
      env,
    );
    expect([...prepared.issues, ...pps.issues]).toEqual([]);
    return {
      name,
      builderType: 'test-vm',
      provisioning: createProvisioning(prepared.provisioners, onError, { ...env }),
      postProcessors: pps.sequences,
      async run(context: BuildContext) {
        const connect: Step<VmState> = {
          name: 'connect',
          provides: ['communicator'],
          async run(_, state) {
            state.communicator = await connectTo(server);
          },
          async cleanup(_, state) {
            await state.communicator?.close();
          },
        };
        const provision = provisionStep<VmState>(context, {
          requires: ['communicator'],
          communicator: (state) => state.communicator,
          generatedData: () => ({ Host: server.host, ID: `vm-${name}` }),
        });
        await context.runSteps([connect, provision], {});
        return new TestArtifact({ id: `img-${name}`, state: { generated_data: { Host: server.host } } });
      },
    };
  }

  it('runs two builds in parallel to the summary, scrubbing the secret they print', async () => {
    const stdout = new CaptureStream();
    const stderr = new CaptureStream();
    const secrets = new SecretRegistry().add('s3cr3t-token-value');
    const ui = createHumanUi({ stdout, stderr, secrets });
    // Each build gets its own remote folder, as each would get its own VM: both "VMs" here are this machine,
    // where the two default script names (script_<random 0-9998>.sh) would be one file once in 10,000 runs.
    const shell = (name: string): ProvisionerBlock => ({
      type: 'shell',
      config: {
        remote_folder: mkdtempSync(join(dir, `${name}-`)),
        inline: ['echo "building $PACKER_BUILD_NAME with $TOKEN"'],
        environment_vars: ['TOKEN=s3cr3t-token-value'],
      },
    });
    const result = await runBuilds([build('web', [shell('web')]), build('db', [shell('db')])], {
      ui,
      secrets,
      cwd: dir,
      runUuid: 'run-e2e',
    });
    expect(result.exitCode).toBe(0);
    expect(stdout.text).toContain('    web: building web with <sensitive>');
    expect(stdout.text).toContain('    db: building db with <sensitive>');
    expect(stdout.text).toContain('==> web: Running post-processor: manifest');
    expect(stdout.text).toContain('--> web: Test artifact img-web');
    expect(stdout.text + stderr.text).not.toContain('s3cr3t');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.builds.map((b: { artifact_id: string }) => b.artifact_id).sort()).toEqual(['img-db', 'img-web']);
    expect(manifest.builds[0].custom_data).toEqual({ host: '127.0.0.1' });
  });

  it('runs the error-cleanup-provisioner after a failed provisioner, under run-cleanup-provisioner', async () => {
    const stdout = new CaptureStream();
    const stderr = new CaptureStream();
    const failing: ProvisionerBlock = {
      type: 'shell',
      config: { remote_folder: dir, inline: ['echo failing', 'exit 4'] },
    };
    const cleanup: ProvisionerBlock = { type: 'shell-local', config: { inline: ['echo "cleaning {{ build `ID` }}"'] } };
    const result = await runBuilds([build('app', [failing], cleanup)], {
      ui: createHumanUi({ stdout, stderr }),
      onError: 'run-cleanup-provisioner',
      cwd: dir,
    });
    expect(result.exitCode).toBe(1);
    expect(stdout.text).toContain(
      '==> app: Provisioning step had errors: Running the cleanup provisioner, if present...',
    );
    expect(stdout.text).toContain('    app: cleaning vm-app');
    expect(stderr.text).toContain('==> app: aborted: skipping cleanup of step "connect"');
    expect(stderr.text).toContain('--> app: Script exited with non-zero exit status: 4. Allowed exit codes are: [0]');
  });
});
