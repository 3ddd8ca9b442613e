import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterpolationContext } from '@osc-packer/builder-core';
import { collectOutput } from '@osc-packer/builder-core/test';
import type { LocalCloud } from '@osc-packer/local-cloud';
import { type OapiClient, OapiError } from '@osc-packer/oapi-client';
import { describe, expect, it } from 'vitest';
import { buildTagKey } from '../journal/build-tag';
import {
  communicatorConfig,
  inspectThenFail,
  nothingLeft,
  runTestSteps,
  tagsOf,
  temporaryResourcesOf,
  testStepEnv,
  useTestCloud,
} from '../test/step-test-kit';
import { stepCleanupVolumes } from './step-cleanup-volumes';
import { stepClearAuthorizedKeys } from './step-clear-authorized-keys';
import { stepConnect } from './step-connect';
import { stepKeypair } from './step-keypair';
import { stepLinkPublicIp } from './step-link-public-ip';
import { stepNetworkInfo } from './step-network-info';
import { stepPublicIp } from './step-public-ip';
import { stepRunSourceVm } from './step-run-source-vm';
import { stepSecurityGroup } from './step-security-group';
import { stepSourceOmi } from './step-source-omi';
import { stepSshHost } from './step-ssh-host';

let cloud: LocalCloud;
let alice: OapiClient;
useTestCloud((started) => {
  ({ cloud, alice } = started);
});

const interpolation = createInterpolationContext({ cwd: tmpdir() });

describe('the steps up to a connected VM, and their cleanups', () => {
  it('launches in a Net with a key pair, public IP and security group, tags every volume, connects, and leaves nothing', async () => {
    const { Net } = await alice.call('CreateNet', { IpRange: '10.8.0.0/16' });
    const { Subnet } = await alice.call('CreateSubnet', {
      NetId: Net?.NetId ?? '',
      IpRange: '10.8.1.0/24',
      SubregionName: 'eu-west-2a',
    });
    const env = await testStepEnv(alice);
    const communicator = communicatorConfig({ ssh_clear_authorized_keys: true });
    const workDir = mkdtempSync(join(tmpdir(), 'osc-debug-'));
    const debugFile = join(workDir, 'osc_vm_test.pem');
    let inspected = false;
    const { outcome, ui } = await runTestSteps([
      stepSourceOmi(env, { source_omi: cloud.catalogImageId }),
      stepNetworkInfo(env, { associate_public_ip_address: true, subnet_id: Subnet?.SubnetId }),
      stepKeypair(env, communicator, { homedir: workDir, workDir, buildName: 'vm test', debug: true }),
      stepPublicIp(env, { associate_public_ip_address: true }),
      stepSecurityGroup(env, { temporary_security_group_source_cidrs: ['127.0.0.0/8', '10.0.0.0/8'] }, { port: 22 }),
      stepCleanupVolumes(env),
      stepRunSourceVm(
        env,
        {
          vm_type: 'tinav5.c1r1p2',
          bsu_optimized: false,
          shutdown_behavior: 'stop',
          run_tags: { Purpose: 'from {{ .SourceOMIName }}' },
          run_volume_tags: { Volume: 'of {{ .SourceOMI }}' },
          launch_block_device_mappings: [
            { device_name: '/dev/sdb', volume_size: 1, delete_on_vm_deletion: false, no_device: false },
          ],
        },
        { interpolation },
      ),
      stepLinkPublicIp(env),
      stepSshHost(env, { communicator: 'ssh', port: 22 }),
      stepConnect(communicator, {
        homedir: workDir,
        resolveSshEndpoint: (host, port) => cloud.sshEndpoint(host, port),
      }),
      stepClearAuthorizedKeys({ ssh_clear_authorized_keys: true, temporaryKey: true }),
      inspectThenFail(async (state) => {
        expect(statSync(debugFile).mode & 0o777).toBe(0o600);
        expect(state.netId).toBe(Net?.NetId);
        expect(state.publicKey).toMatch(/^ssh-rsa AAAA\S+ packer_/);
        const vm = state.vm;
        expect({ host: state.sshHost, port: state.sshPort }).toEqual(
          cloud.sshEndpoint(state.publicIp?.PublicIp ?? '', 22),
        );
        expect(vm?.PublicIp).toBe(state.publicIp?.PublicIp);
        expect(tagsOf(vm?.Tags)).toEqual({
          Name: 'Packer Builder',
          Purpose: 'from Debian-12-2026.11.01-0',
          [buildTagKey]: env.buildId,
        });
        expect(state.launchVolumeIds).toHaveLength(2);
        const volumes = await alice.readAll('ReadVolumes', { Filters: { VolumeIds: state.launchVolumeIds ?? [] } });
        for (const volume of volumes) {
          expect(tagsOf(volume.Tags)).toEqual({ Volume: `of ${cloud.catalogImageId}`, [buildTagKey]: env.buildId });
        }
        const [group] = await alice.readAll('ReadSecurityGroups', {
          Filters: { SecurityGroupIds: state.securityGroupIds ?? [] },
        });
        expect(group?.NetId).toBe(Net?.NetId);
        expect(group?.InboundRules?.[0]).toMatchObject({
          FromPortRange: 22,
          ToPortRange: 22,
          IpRanges: ['127.0.0.0/8', '10.0.0.0/8'],
        });
        const out = collectOutput();
        await state.communicator?.exec({ command: 'cat ~/.ssh/authorized_keys; echo end', stdout: out.stream });
        expect(out.text()).toBe('end\n');
        expect(
          env.journal
            .entries()
            .map((entry) => `${entry.kind}:${entry.state}`)
            .sort(),
        ).toEqual([
          'keypair:created',
          'public-ip:created',
          'security-group:created',
          'vm:created',
          'volume:created',
          'volume:created',
        ]);
        inspected = true;
      }),
    ]);
    expect(outcome.status).toBe('halted');
    expect(inspected).toBe(true);
    expect(ui.texts()).toContain('Deleting temporary key pair...');
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
    expect(() => statSync(debugFile)).toThrow();
    expect(env.journal.outstanding()).toEqual([]);
    await alice.call('DeleteSubnet', { SubnetId: Subnet?.SubnetId ?? '' });
    await alice.call('DeleteNet', { NetId: Net?.NetId ?? '' });
  }, 60_000);

  it('imports a temporary Ed25519 key made here when temporary_key_pair_type asks for it, and connects with it', async () => {
    const env = await testStepEnv(alice);
    const communicator = communicatorConfig({ temporary_key_pair_type: 'ed25519' });
    let inspected = false;
    const { outcome } = await runTestSteps([
      stepSourceOmi(env, { source_omi: cloud.catalogImageId }),
      stepNetworkInfo(env, { associate_public_ip_address: false }),
      stepKeypair(env, communicator, { homedir: tmpdir(), workDir: tmpdir(), buildName: 'ed', debug: false }),
      stepPublicIp(env, { associate_public_ip_address: false }),
      stepSecurityGroup(env, { temporary_security_group_source_cidrs: ['127.0.0.0/8'] }, { port: 22 }),
      stepRunSourceVm(
        env,
        { vm_type: 'tinav5.c1r1p2', bsu_optimized: false, shutdown_behavior: 'stop' },
        { interpolation },
      ),
      stepSshHost(env, { communicator: 'ssh', port: 22 }),
      stepConnect(communicator, {
        homedir: tmpdir(),
        resolveSshEndpoint: (host, port) => cloud.sshEndpoint(host, port),
      }),
      inspectThenFail(async (state) => {
        expect(state.publicKey).toMatch(/^ssh-ed25519 \S+ packer_/);
        const [pair] = await alice.readAll('ReadKeypairs', { Filters: { KeypairNames: [state.keypairName ?? ''] } });
        expect(pair?.KeypairType).toBe('ssh-ed25519');
        const out = collectOutput();
        await state.communicator?.exec({ command: 'cat ~/.ssh/authorized_keys', stdout: out.stream });
        expect(out.text()).toContain((state.publicKey ?? '').split(' ')[1]);
        inspected = true;
      }),
    ]);
    expect(outcome.status).toBe('halted');
    expect(inspected).toBe(true);
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
  }, 60_000);

  it('leaves no journal entry behind when the API refuses the public IP (nothing was allocated)', async () => {
    const env = await testStepEnv(alice);
    const quota = new OapiError({
      operation: 'CreatePublicIp',
      status: 400,
      errors: [{ code: '10029', type: 'TooManyResources (QuotaExceded)', details: 'public IP limit reached' }],
      retryable: false,
    });
    const call = ((operation, input, options) =>
      operation === 'CreatePublicIp'
        ? Promise.reject(quota)
        : alice.call(operation, input, options)) as OapiClient['call'];
    const { outcome } = await runTestSteps([
      stepPublicIp({ ...env, client: { ...alice, call } }, { associate_public_ip_address: true }),
    ]);
    expect(outcome).toMatchObject({ status: 'halted', error: { cause: quota } });
    expect(env.journal.entries()).toEqual([expect.objectContaining({ kind: 'public-ip', state: 'deleted' })]);
    expect(env.journal.outstanding()).toEqual([]);
  });

  it('says why no SSH address was found', async () => {
    const { Net } = await alice.call('CreateNet', { IpRange: '10.9.0.0/16' });
    const { Subnet } = await alice.call('CreateSubnet', {
      NetId: Net?.NetId ?? '',
      IpRange: '10.9.1.0/24',
      SubregionName: 'eu-west-2a',
    });
    const env = await testStepEnv(alice);
    const communicator = communicatorConfig({ ssh_password: 'unused-password' });
    const { outcome } = await runTestSteps([
      stepSourceOmi(env, { source_omi: cloud.catalogImageId }),
      stepNetworkInfo(env, { associate_public_ip_address: false, subnet_id: Subnet?.SubnetId }),
      stepKeypair(env, communicator, { homedir: tmpdir(), workDir: tmpdir(), buildName: 'b', debug: false }),
      stepPublicIp(env, { associate_public_ip_address: false }),
      stepSecurityGroup(env, {}, { port: 22 }),
      stepRunSourceVm(
        env,
        { vm_type: 'tinav5.c1r1p2', bsu_optimized: false, shutdown_behavior: 'stop' },
        { interpolation },
      ),
      stepSshHost(env, { communicator: 'ssh', ssh_interface: 'public_ip', port: 22 }, { attempts: 2, delayMs: 10 }),
    ]);
    expect(outcome.status).toBe('halted');
    if (outcome.status === 'halted') {
      expect(outcome.error.message).toMatch(
        /couldn't determine address for vm i-\w+: ssh_interface is public_ip, but PublicIp is empty; set associate_public_ip_address: true/,
      );
    }
    expect(temporaryResourcesOf(cloud)).toEqual(nothingLeft);
    await alice.call('DeleteSubnet', { SubnetId: Subnet?.SubnetId ?? '' });
    await alice.call('DeleteNet', { NetId: Net?.NetId ?? '' });
  }, 60_000);
});
